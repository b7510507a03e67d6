package io.avdroll.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutSpecTest {

    private static RolloutSpec.Builder valid() {
        return RolloutSpec.builder("2.0.0").maxUnavailable("2").minAvailableHosts(5).failureBudget("1");
    }

    private static DrainPolicy drain(Duration grace, List<Duration> reminders, String title) {
        return new DrainPolicy(grace, reminders, title, "please sign out", "reminder", true);
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("a blank target image is refused", (UnaryOperator<RolloutSpec.Builder>) b -> RolloutSpec.builder(" ")
                        .maxUnavailable("2"), "targetImageVersion", "must not be blank"),
                Arguments.of("maxUnavailable 0 is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.maxUnavailable("0"),
                        "maxUnavailable", "must be at least 1"),
                Arguments.of("maxUnavailable 0% is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.maxUnavailable("0%"),
                        "maxUnavailable", "must be at least 1"),
                Arguments.of("maxUnavailable above 100% is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.maxUnavailable("150%"),
                        "maxUnavailable", "at most 100%"),
                Arguments.of("a host floor above the pool size is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.minAvailableHosts(11),
                        "capacityFloor.minAvailableHosts", "below the pool size 10"),
                Arguments.of("a host floor equal to the pool size is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.minAvailableHosts(10),
                        "capacityFloor.minAvailableHosts", "no host can ever be taken out"),
                Arguments.of("a negative slot floor is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.minSessionSlots(-1),
                        "capacityFloor.minSessionSlots", "must not be negative"),
                Arguments.of("a negative canary is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.canary(CanaryPolicy.of(-1)),
                        "canary.size", "must not be negative"),
                Arguments.of("a negative failure budget is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.failureBudget("-1"),
                        "failureBudget", "must not be negative"),
                Arguments.of("a negative grace period is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.drain(
                        drain(Duration.ofMinutes(-5), List.of(), "Maintenance")), "drain.gracePeriod", "must not be negative"),
                Arguments.of("a reminder not before the deadline is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.drain(
                        drain(Duration.ofMinutes(30), List.of(Duration.ofMinutes(30)), "Maintenance")), "drain.reminderOffsets[0]",
                        "shorter than the grace period"),
                Arguments.of("a zero reminder offset is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.drain(
                        drain(Duration.ofMinutes(30), List.of(Duration.ofMinutes(5), Duration.ZERO), "Maintenance")),
                        "drain.reminderOffsets[1]", "positive"),
                Arguments.of("a blank message title is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.drain(
                        drain(Duration.ofMinutes(30), List.of(), "")), "drain.messageTitle", "must not be blank"),
                Arguments.of("an unknown time zone is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.maintenanceWindow(
                        new MaintenanceWindow(LocalTime.of(22, 0), LocalTime.of(4, 0), Set.of(), "Europe/Atlantis")),
                        "maintenanceWindow.timeZone", "unknown time zone \"Europe/Atlantis\""),
                Arguments.of("a window without start is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.maintenanceWindow(
                        new MaintenanceWindow(null, LocalTime.of(4, 0), Set.of(), "UTC")), "maintenanceWindow.start", "must be given"),
                Arguments.of("a missing ordering is refused", (UnaryOperator<RolloutSpec.Builder>) b -> b.ordering(null),
                        "ordering", "must be given"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void eachViolationNamesTheFieldAndTheReason(String description, UnaryOperator<RolloutSpec.Builder> change,
                                                String field, String reason) {
        List<SpecViolation> violations = change.apply(valid()).build().validate(10);
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).field()).isEqualTo(field);
        assertThat(violations.get(0).reason()).contains(reason);
    }

    @Test
    void aSensibleSpecHasNoViolations() {
        assertThat(valid().canary(new CanaryPolicy(1, true)).minSessionSlots(50).drAsSurge(true)
                .maintenanceWindow(MaintenanceWindow.daily("22:00", "04:00", "America/New_York"))
                .build().validate(10)).isEmpty();
    }

    @Test
    void theFactoryThrowsListingEveryViolation() {
        assertThatThrownBy(() -> valid().maxUnavailable("0").minAvailableHosts(12).failureBudget("-2").buildValidated(10))
                .isInstanceOfSatisfying(InvalidRolloutSpecException.class, e -> assertThat(e.violations())
                        .extracting(SpecViolation::field)
                        .containsExactly("maxUnavailable", "capacityFloor.minAvailableHosts", "failureBudget"))
                .hasMessageContaining("maxUnavailable: must be at least 1")
                .hasMessageContaining("capacityFloor.minAvailableHosts: must be below the pool size 10 (was 12)")
                .hasMessageContaining("failureBudget: must not be negative (was -2)");
    }

    @Test
    void aPercentageWindowNeverResolvesBelowOneHost() {
        RolloutSpec spec = valid().maxUnavailable("10%").build();
        assertThat(spec.resolvedMaxUnavailable(5)).isEqualTo(1);
        assertThat(spec.resolvedMaxUnavailable(40)).isEqualTo(4);
    }

    @Test
    void aPercentageFailureBudgetResolvesAgainstTheHostsInScope() {
        RolloutSpec spec = valid().failureBudget("10%").build();
        assertThat(spec.resolvedFailureBudget(20)).isEqualTo(2);
        assertThat(spec.resolvedFailureBudget(9)).isEqualTo(0);
    }
}
