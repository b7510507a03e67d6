package io.avdroll.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionHostTest {

    @Test
    void everyStatusOfTheOfficialApiSpecIsKnown() throws Exception {
        Path spec = Path.of(System.getProperty("azure.specs.dir", "../../shared/azure-specs"),
                "desktopvirtualization", "2025-10-10", "desktopvirtualization.json");
        JsonNode values = new ObjectMapper().readTree(spec.toFile())
                .at("/definitions/SessionHostProperties/properties/status/enum");
        List<String> statuses = new ArrayList<>();
        values.forEach(v -> statuses.add(v.asText()));
        assertThat(statuses).hasSizeGreaterThan(10);
        for (String status : statuses) {
            SessionHostStatus parsed = SessionHostStatus.fromApiValue(status);
            assertThat(parsed).as(status).isNotEqualTo(SessionHostStatus.UNKNOWN);
            assertThat(parsed.apiValue()).isEqualTo(status);
        }
    }

    @Test
    void anUnrecognisedStatusBecomesUnknownAndCountsAsUnhealthy() {
        assertThat(SessionHostStatus.fromApiValue("SomethingNew")).isEqualTo(SessionHostStatus.UNKNOWN);
        assertThat(SessionHostStatus.fromApiValue(null).unhealthy()).isTrue();
    }

    @ParameterizedTest(name = "{0}, allowNewSession={1}, {2} serves users: {3}")
    @CsvSource(textBlock = """
        AVAILABLE,        true,  RUNNING,     true
        AVAILABLE,        false, RUNNING,     false
        AVAILABLE,        true,  HIBERNATED,  false
        NEEDS_ASSISTANCE, true,  RUNNING,     false
        SHUTDOWN,         true,  DEALLOCATED, false
        """)
    void onlyARunningAvailableHostAcceptingSessionsIsServing(SessionHostStatus status, boolean allow, PowerState power,
                                                            boolean expected) {
        assertThat(new SessionHost("h", status, allow, 0, "1", HostClass.STANDARD, power).serving()).isEqualTo(expected);
    }

    @Test
    void aPoolRefusesTwoHostsWithTheSameName() {
        SessionHost host = new SessionHost("h1", SessionHostStatus.AVAILABLE, true, 0, "1", HostClass.STANDARD, PowerState.RUNNING);
        assertThatThrownBy(() -> new HostPoolSnapshot("p", 10, List.of(host, host)))
                .hasMessage("hosts: duplicate session host name h1");
    }

    @Test
    void aPoolNeedsAPositiveSessionLimit() {
        assertThatThrownBy(() -> new HostPoolSnapshot("p", 0, List.of())).hasMessageContaining("maxSessionLimit");
    }

    @Test
    void servingSlotsAreTheSessionLimitTimesServingHosts() {
        SessionHost up = new SessionHost("h1", SessionHostStatus.AVAILABLE, true, 3, "1", HostClass.STANDARD, PowerState.RUNNING);
        SessionHost down = new SessionHost("h2", SessionHostStatus.UNAVAILABLE, true, 0, "1", HostClass.STANDARD, PowerState.RUNNING);
        HostPoolSnapshot pool = new HostPoolSnapshot("p", 12, List.of(up, down));
        assertThat(pool.servingHosts()).isEqualTo(1);
        assertThat(pool.servingSlots()).isEqualTo(12);
        assertThat(pool.without("h1").servingHosts()).isZero();
        assertThat(pool.with(down.withStatus(SessionHostStatus.AVAILABLE)).servingSlots()).isEqualTo(24);
    }
}
