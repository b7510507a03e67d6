package io.avdroll.azure.desktop;

import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.support.EmulatedAzure;
import io.avdroll.emulator.fault.FaultRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Desktop Virtualization adapters against the ARM emulator over HTTPS (page size 10, FQDN host names). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesktopVirtualizationEmulatorTest {

    private static final String SUB = EmulatedAzure.SUBSCRIPTION;
    private static final HostPoolRef POOL = new HostPoolRef("rg-avd", "hp-avd");
    private static final String READ_HOSTS = "Microsoft.DesktopVirtualization/hostpools/sessionhosts/read";
    private static final String SEED = """
        {"subscriptions": ["%s"],
         "galleries": [{"subscription": "%s", "resourceGroup": "rg-img", "name": "gal", "location": "westeurope",
           "images": [{"name": "win11", "versions": [{"name": "1.0.0"}]}]}],
         "hostPools": [{"subscription": "%s", "resourceGroup": "rg-avd", "name": "hp-avd", "location": "westeurope",
           "domain": "contoso.local", "image": "gal/win11/1.0.0", "maxSessionLimit": 8,
           "standardHosts": {"count": 25}, "usersPerHost": 2}],
         "faults": [{"kind": "usersNeverLogOff", "hostPool": "hp-avd"}]}
        """.formatted(SUB, SUB, SUB);

    private EmulatedAzure azure;
    private HostPools hostPools;
    private SessionHosts sessionHosts;
    private UserSessions userSessions;

    @BeforeAll
    void start() {
        azure = EmulatedAzure.start(SEED, Duration.ofMillis(300), o -> o.avdPageSize(10));
        hostPools = new RestHostPools(azure.connection());
        sessionHosts = new RestSessionHosts(azure.connection());
        userSessions = new RestUserSessions(azure.connection());
    }

    @AfterEach
    void clearInjectedRequestFaults() {
        azure.emulator().faults().list().stream()
            .filter(f -> !f.kind.equals("usersNeverLogOff"))
            .forEach(f -> azure.emulator().faults().remove(f.id));
    }

    @AfterAll
    void stop() {
        azure.close();
    }

    @Test
    void everySessionHostIsListedAcrossSeveralPages() {
        List<SessionHostView> hosts = sessionHosts.list(POOL);
        assertThat(hosts).hasSizeGreaterThanOrEqualTo(24);
        assertThat(hosts).extracting(SessionHostView::name).doesNotHaveDuplicates()
            .allSatisfy(name -> assertThat(name).endsWith(".contoso.local").doesNotContain("/"));
        assertThat(hosts).extracting(SessionHostView::hostPool).containsOnly("hp-avd");
        assertThat(hosts).filteredOn(h -> h.name().equals("hp-avd-01.contoso.local")).singleElement()
            .satisfies(h -> assertThat(h.vmName()).isEqualTo("hp-avd-01"));
    }

    @Test
    void aSessionHostIsFoundByItsBareNameAndByThePoolPrefixedNameTheServiceReturns() {
        SessionHostView bare = sessionHosts.get(POOL, "hp-avd-02.contoso.local");
        SessionHostView prefixed = sessionHosts.get(POOL, "hp-avd/hp-avd-02.contoso.local");
        assertThat(prefixed.name()).isEqualTo(bare.name()).isEqualTo("hp-avd-02.contoso.local");
        assertThat(bare.resourceId()).endsWith("/virtualMachines/hp-avd-02");
    }

    @Test
    void drainModeTurnsNewSessionsOffAndBackOn() {
        assertThat(sessionHosts.setAllowNewSession(POOL, "hp-avd-03.contoso.local", false).allowNewSession()).isFalse();
        assertThat(sessionHosts.get(POOL, "hp-avd-03.contoso.local").allowNewSession()).isFalse();
        assertThat(sessionHosts.setAllowNewSession(POOL, "hp-avd-03.contoso.local", true).allowNewSession()).isTrue();
    }

    @Test
    void userSessionsAreListedPerHostAndAcrossThePoolsPages() {
        List<UserSessionView> onHost = userSessions.list(POOL, "hp-avd-04.contoso.local");
        assertThat(onHost).hasSize(2).allSatisfy(s -> {
            assertThat(s.sessionHost()).isEqualTo("hp-avd-04.contoso.local");
            assertThat(s.id()).doesNotContain("/");
            assertThat(s.userPrincipalName()).contains("@");
        });
        List<UserSessionView> inPool = userSessions.listByHostPool(POOL);
        assertThat(inPool).hasSizeGreaterThan(20);
        assertThat(inPool).extracting(s -> s.sessionHost() + "/" + s.id()).doesNotHaveDuplicates();
        assertThat(inPool).extracting(UserSessionView::sessionHost).allSatisfy(h -> assertThat(h).endsWith(".contoso.local"));
    }

    @Test
    void usersAreMessagedThenLoggedOffAndASecondLogOffIsNoError() {
        String host = "hp-avd-05.contoso.local";
        UserSessionView session = userSessions.list(POOL, host).get(0);
        userSessions.sendMessage(POOL, host, session.id(), "Maintenance", "This host restarts in 15 minutes; please save your work.");
        userSessions.logOff(POOL, host, session.id());
        assertThat(userSessions.list(POOL, host)).extracting(UserSessionView::id).doesNotContain(session.id());
        userSessions.logOff(POOL, host, session.id());
        assertThatThrownBy(() -> userSessions.get(POOL, host, session.id()))
            .isInstanceOfSatisfying(AzureFailure.class, f -> assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND));
    }

    @Test
    void aDisconnectedUserShowsAsDisconnected() {
        String host = "hp-avd-06.contoso.local";
        UserSessionView session = userSessions.list(POOL, host).get(0);
        userSessions.disconnect(POOL, host, session.id());
        assertThat(userSessions.get(POOL, host, session.id()).sessionState()).isEqualTo("Disconnected");
    }

    @Test
    void aRegistrationTokenOutsideOneHourToThirtyDaysIsRefusedBeforeCallingAzure() {
        Instant now = Instant.now();
        int issuedBefore = azure.emulator().audit().since(0, "RegistrationTokenIssued").size();
        assertThatThrownBy(() -> hostPools.renewRegistrationToken(POOL, now.plus(Duration.ofMinutes(30)), now))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("expiresAt: a registration token must expire between 1 hour and 30 days");
        assertThatThrownBy(() -> hostPools.renewRegistrationToken(POOL, now.plus(Duration.ofDays(31)), now))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(azure.emulator().audit().since(0, "RegistrationTokenIssued")).hasSize(issuedBefore);
    }

    @Test
    void aRenewedTokenIsReturnedAndReusedWhileItStaysValidLongEnough() {
        Instant now = Instant.now();
        RegistrationToken renewed = hostPools.renewRegistrationToken(POOL, now.plus(Duration.ofHours(6)), now);
        assertThat(renewed.expiresAt()).isBetween(now.plus(Duration.ofHours(6)).minusSeconds(1), now.plus(Duration.ofHours(6)).plusSeconds(1));
        assertThat(hostPools.currentRegistrationToken(POOL)).contains(renewed);
        assertThat(hostPools.registrationToken(POOL, now, Duration.ofHours(2), Duration.ofHours(8))).isEqualTo(renewed);
        RegistrationToken replaced = hostPools.registrationToken(POOL, now, Duration.ofHours(7), Duration.ofHours(8));
        assertThat(replaced.value()).isNotEqualTo(renewed.value());
        assertThat(hostPools.get(POOL).registrationExpiresAt()).isEqualTo(replaced.expiresAt());
    }

    @Test
    void theHostPoolIsReadAndItsSessionLimitUpdated() {
        HostPoolView pool = hostPools.get(POOL);
        assertThat(pool.hostPoolType()).isEqualTo("Pooled");
        assertThat(pool.loadBalancerType()).isEqualTo("BreadthFirst");
        assertThat(hostPools.update(POOL, HostPoolPatch.maxSessionLimit(12)).maxSessionLimit()).isEqualTo(12);
        assertThat(hostPools.get(POOL).maxSessionLimit()).isEqualTo(12);
    }

    @Test
    void aSessionHostThatVanishedIsNotFoundAndDeletingItAgainIsNoError() {
        String host = "hp-avd-25.contoso.local";
        sessionHosts.delete(POOL, host, true);
        assertThatThrownBy(() -> sessionHosts.get(POOL, host))
            .isInstanceOfSatisfying(AzureFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AzureFailureKind.NOT_FOUND);
                assertThat(f.httpStatus()).isEqualTo(404);
                assertThat(f.operation()).isEqualTo("get session host rg-avd/hp-avd/" + host);
            });
        assertThat(sessionHosts.find(POOL, host)).isEmpty();
        sessionHosts.delete(POOL, host, true);
    }

    @Test
    void aShort429StormDuringPagingIsRetriedAndEveryPageStillArrives() {
        int expected = sessionHosts.list(POOL).size();
        FaultRule storm = new FaultRule();
        storm.kind = "throttle";
        storm.operation = READ_HOSTS;
        storm.count = 2;
        storm.retryAfterSeconds = 1;
        azure.emulator().faults().add(storm);
        assertThat(sessionHosts.list(POOL)).hasSize(expected);
        assertThat(storm.fired).isEqualTo(2);
    }

    @Test
    void a429StormLongerThanTheRetryBudgetIsThrottledWithAzuresRetryAfter() {
        FaultRule storm = new FaultRule();
        storm.kind = "throttle";
        storm.operation = READ_HOSTS;
        storm.count = 20;
        storm.retryAfterSeconds = 1;
        azure.emulator().faults().add(storm);
        assertThatThrownBy(() -> sessionHosts.list(POOL))
            .isInstanceOfSatisfying(AzureFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AzureFailureKind.THROTTLED);
                assertThat(f.retryable()).isTrue();
                assertThat(f.retryAfter()).contains(Duration.ofSeconds(1));
            });
    }

    @Test
    void persistentServerErrorsAreTransient() {
        FaultRule errors = new FaultRule();
        errors.kind = "serverError";
        errors.operation = "Microsoft.DesktopVirtualization/hostpools/read";
        errors.status = 503;
        errors.count = 20;
        azure.emulator().faults().add(errors);
        assertThatThrownBy(() -> hostPools.get(POOL))
            .isInstanceOfSatisfying(AzureFailure.class, f -> {
                assertThat(f.kind()).isEqualTo(AzureFailureKind.TRANSIENT);
                assertThat(f.httpStatus()).isEqualTo(503);
            });
    }
}
