package io.avdroll.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.avdroll.events.SpecOverrides;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request bodies and the coordinator's answers turned into 400/404/409 naming the field, without a running service. */
class RequestValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void overridesAreReadWithTheirTypesAndEveryBadOneNamesItsDottedField() throws Exception {
        SpecOverrides o = body("{\"overrides\": {\"maxUnavailable\": 2, \"drainGracePeriod\": \"PT20M\", \"canaryHosts\": 1}}")
                .overrides();
        assertThat(o.maxUnavailable()).isEqualTo("2");
        assertThat(o.drainGracePeriod()).isEqualTo(Duration.ofMinutes(20));
        assertThat(o.canaryHosts()).isEqualTo(1);

        assertField("{\"overrides\": {\"drainGracePeriod\": \"20 minutes\"}}", "overrides.drainGracePeriod");
        assertField("{\"overrides\": {\"canaryHosts\": \"one\"}}", "overrides.canaryHosts");
        assertField("{\"overrides\": {\"maxFailedPercent\": 101}}", "overrides.maxFailedPercent");
        assertField("{\"overrides\": {\"bakeTime\": \"-PT1M\"}}", "overrides.bakeTime");
        assertField("{\"overrides\": []}", "overrides");
    }

    @Test
    void aSpecViolationIsReportedUnderTheOverrideThatCausedItElseUnderTheSpecField() {
        SpecOverrides floor = new SpecOverrides(null, null, null, null, null, 9);
        assertThat(Planning.requestField("capacityFloor.minAvailableHosts", floor)).isEqualTo("overrides.minAvailableHosts");
        assertThat(Planning.requestField("capacityFloor.minAvailableHosts", SpecOverrides.none()))
                .isEqualTo("capacityFloor.minAvailableHosts");
        SpecOverrides grace = new SpecOverrides(null, null, null, Duration.ofMinutes(1), null, null);
        assertThat(Planning.requestField("drain.reminderOffsets[0]", grace)).isEqualTo("overrides.drainGracePeriod");
    }

    @Test
    void theCoordinatorsRefusalsAndDeadLettersBecomeConflictNotFoundAndBadRequest() {
        assertThatThrownBy(() -> CoordinatorAnswers.raiseIfRefused("refused update-requested r2 from api:local: rollout r1 is RUNNING"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(409));
        assertThatThrownBy(() -> CoordinatorAnswers.raiseIfRefused(
                "dead-lettered UnknownImageVersion: targetImageVersionId: gallery image x has no version 9"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.field()).isEqualTo("targetImageVersionId");
                });
        assertThatThrownBy(() -> CoordinatorAnswers.raiseIfRefused("dead-lettered UnknownHostPool: hostPool: no host pool 'x'"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.status()).isEqualTo(404));
        CoordinatorAnswers.raiseIfRefused("started rollout r1 -> RUNNING, 2/2 in flight");
    }

    @Test
    void theRefreshTicksRolloutIdCannotBeUsedForARollout() {
        assertThatThrownBy(() -> CoordinatorLink.refuseReservedRolloutId("API-Refresh"))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.field()).isEqualTo("rolloutId"));
        CoordinatorLink.refuseReservedRolloutId("2026-03-patch");
    }

    @Test
    void aShortLocalTokenOrHalfAnEntraConfigurationStopsTheServiceNamingTheKey() {
        assertThatThrownBy(() -> ApiSettings.from(Map.of(ApiSettings.LOCAL_TOKEN, "short")))
                .hasMessageStartingWith(ApiSettings.LOCAL_TOKEN + ": must be at least 16 characters");
        assertThatThrownBy(() -> ApiSettings.from(Map.of(ApiSettings.ENTRA_ISSUER, "https://login.microsoftonline.com/t/v2.0")))
                .hasMessageStartingWith(ApiSettings.ENTRA_AUDIENCE + ": is required");
        assertThat(ApiSettings.from(Map.of(ApiSettings.LOCAL_TOKEN, "0123456789abcdefXYZ")).toString())
                .doesNotContain("0123456789abcdefXYZ");
    }

    private static RequestBody body(String json) throws Exception {
        return new RequestBody(JSON.readTree(json));
    }

    private static void assertField(String json, String field) throws Exception {
        RequestBody body = body(json);
        assertThatThrownBy(body::overrides).isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(400);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.getMessage()).startsWith(field + ": ");
        });
    }
}
