package io.avdroll.provision;

import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.events.FailedStage;
import io.avdroll.events.HostDrained;
import io.avdroll.events.VmBlueprint;
import io.avdroll.markers.HostTags;
import io.avdroll.pool.HostClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One sentence per branch of the redeploy, including the states a crash can leave behind. */
class ProvisionDeciderTest {

    private static final String SUB = "00000000-0000-0000-0000-0000000000aa";
    private static final String RG = "rg-avd";
    private static final String TARGET = "/subscriptions/" + SUB
            + "/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/gal/images/win11/versions/2.0.0";
    private static final String OLD_IMAGE = "/subscriptions/" + SUB
            + "/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/gal/images/win11/versions/1.0.0";
    private static final String SUBNET = "/subscriptions/" + SUB
            + "/resourceGroups/rg-avd/providers/Microsoft.Network/virtualNetworks/vnet/subnets/hosts";
    private static final Instant NOW = Instant.parse("2025-03-01T03:00:00Z");
    private static final String ROLLOUT = "r-2025-03";

    private final ProvisionSettings settings = ProvisionSettings.defaults();
    private final ProvisionDecider decider = new ProvisionDecider(settings);

    // ---- recording the blueprint -------------------------------------------------------------------------

    @Test
    void aStandardHostFromDrainServiceGetsItsBlueprintRecordedInAFollowUpBeforeAnythingIsDeleted() {
        VirtualMachineView vm = oldStandard(Map.of(HostTags.ROLLOUT, ROLLOUT, HostTags.STAGE, "drained", "costCenter", "4711"));

        ProvisionStep step = decider.decide(drained(null), seen(vm, nic(), registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.RecordBlueprint.class, record -> {
            VmBlueprint b = record.followUp().blueprint();
            assertThat(record.followUp().check()).isEqualTo(1);
            assertThat(b.hostClass()).isEqualTo(HostClass.STANDARD);
            assertThat(b.ephemeralPlacement()).isEqualTo("ResourceDisk");
            assertThat(b.size()).isEqualTo("Standard_D4ds_v5");
            assertThat(b.nicName()).isEqualTo("std-01-nic");
            assertThat(b.subnetId()).isEqualTo(SUBNET);
            assertThat(b.computerName()).isEqualTo("std-01");
            assertThat(b.tagsOrEmpty()).containsEntry("costCenter", "4711").doesNotContainKey(HostTags.POWER_BEFORE);
            assertThat(record.tagsToPut()).isEmpty();
        });
    }

    @Test
    void aHibernatedDrHostHasItsPowerStateTaggedAndRecordedBeforeAnythingIsDeleted() {
        VirtualMachineView vm = oldDr(PowerState.HIBERNATED, Map.of(HostTags.ROLLOUT, ROLLOUT));

        ProvisionStep step = decider.decide(drained(null), seen(vm, nic(), registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.RecordBlueprint.class, record -> {
            assertThat(record.tagsToPut()).containsExactly(Map.entry(HostTags.POWER_BEFORE, "hibernated"));
            assertThat(record.followUp().blueprint().hostClass()).isEqualTo(HostClass.DR);
            assertThat(record.followUp().blueprint().ephemeralPlacement()).isNull();
            assertThat(record.followUp().blueprint().tagsOrEmpty()).containsEntry(HostTags.POWER_BEFORE, "hibernated");
        });
    }

    @Test
    void aDrHostWokenEarlierInThisRolloutKeepsThePowerStateRecordedThen() {
        VirtualMachineView vm = oldDr(PowerState.RUNNING, Map.of(HostTags.ROLLOUT, ROLLOUT, HostTags.POWER_BEFORE, "deallocated"));

        ProvisionStep step = decider.decide(drained(null), seen(vm, nic(), registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.RecordBlueprint.class, record -> {
            assertThat(record.tagsToPut()).isEmpty();
            assertThat(record.followUp().blueprint().tagsOrEmpty()).containsEntry(HostTags.POWER_BEFORE, "deallocated");
        });
    }

    @Test
    void aPowerStateLeftByAnEarlierRolloutIsReplacedByTheObservedOne() {
        VirtualMachineView vm = oldDr(PowerState.DEALLOCATED, Map.of(HostTags.POWER_BEFORE, "running"));

        ProvisionStep step = decider.decide(drained(null), seen(vm, nic(), registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.RecordBlueprint.class,
                record -> assertThat(record.tagsToPut()).containsEntry(HostTags.POWER_BEFORE, "deallocated"));
    }

    @Test
    void theHostClassTagWinsOverTheDiskKind() {
        VirtualMachineView vm = oldStandard(Map.of(HostTags.HOST_CLASS, "dr"));

        assertThat(ProvisionDecider.hostClassOf(vm)).isEqualTo(HostClass.DR);
        assertThat(ProvisionDecider.hostClassOf(oldDr(PowerState.RUNNING, Map.of()))).isEqualTo(HostClass.DR);
        assertThat(ProvisionDecider.hostClassOf(managedWithoutHibernation())).isEqualTo(HostClass.STANDARD);
    }

    @Test
    void aVmWithoutAReadableNicIsReportedFailedBecauseItsNetworkPlacementIsUnknown() {
        ProvisionStep step = decider.decide(drained(null), seen(oldStandard(Map.of()), null, registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.ReportFailed.class, failed -> {
            assertThat(failed.failed().stage()).isEqualTo(FailedStage.REDEPLOY);
            assertThat(failed.failed().reason()).contains("network placement");
        });
    }

    // ---- removing and deleting ----------------------------------------------------------------------------

    @Test
    void withTheBlueprintRecordedTheSessionHostIsRemovedFirst() {
        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(oldStandard(Map.of()), null, registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.RemoveSessionHost.class,
                remove -> assertThat(remove.sessionHost()).isEqualTo("std-01"));
    }

    @Test
    void withTheSessionHostRemovedTheOldVmIsDeletedAndLookedAtAgainInAFollowUp() {
        HostDrained event = drained(blueprint(0));

        ProvisionStep step = decider.decide(event, seen(oldStandard(Map.of()), null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.DeleteOldVm.class, delete -> {
            assertThat(delete.vm()).isEqualTo(new VmRef(RG, "std-01"));
            assertThat(delete.followUp().check()).isEqualTo(event.check() + 1);
            assertThat(delete.followUp().blueprint()).isEqualTo(event.blueprint());
        });
    }

    @Test
    void anOldVmStillBeingDeletedIsPolledLater() {
        VirtualMachineView deleting = with(oldStandard(Map.of()), Map.of(), "Deleting");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(deleting, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.PollLater.class,
                poll -> assertThat(poll.at()).isEqualTo(NOW.plus(settings.pollInterval())));
    }

    // ---- creating -------------------------------------------------------------------------------------------

    @Test
    void aCrashAfterTheDeleteLeavesNoVmAndTheBlueprintRecreatesItWithTheRolloutsTags() {
        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(null, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CreateVm.class, create -> assertThat(create.at())
                .as("the follow-up that looks at the creation").isEqualTo(NOW.plus(settings.pollInterval())));
        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CreateVm.class, create -> assertThat(create.tags())
                .containsEntry(HostTags.ROLLOUT, ROLLOUT)
                .containsEntry(HostTags.ATTEMPT, "1")
                .containsEntry(HostTags.IMAGE, TARGET)
                .containsEntry(HostTags.HOST_CLASS, "standard")
                .containsEntry(HostTags.STAGE, ProvisionDecider.STAGE_REDEPLOYING)
                .containsEntry(HostTags.ADMIN_DRAINED, "true")
                .containsEntry(HostTags.DEFAULT_SCALING_EXCLUSION, "true")
                .containsEntry("costCenter", "4711"));
    }

    @Test
    void aStaleRegistrationWithoutItsVmIsRemovedBeforeTheNewVmIsCreated() {
        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(null, null, registered()), NOW);

        assertThat(step).isInstanceOf(ProvisionStep.RemoveSessionHost.class);
    }

    @Test
    void aVmOfThisAttemptStillCreatingIsPolledNotCreatedAgain() {
        VirtualMachineView creating = newVm(ProvisionDecider.STAGE_REDEPLOYING, "Creating");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(creating, null, null), NOW);

        assertThat(step).isInstanceOf(ProvisionStep.PollLater.class);
    }

    @Test
    void aCreatedVmOfThisAttemptWithoutItsAgentGetsTheAgentInstalledAndIsLookedAtAgainLater() {
        VirtualMachineView created = newVm(ProvisionDecider.STAGE_REDEPLOYING, "Succeeded");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(created, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.InstallAgent.class, install -> {
            assertThat(install.at()).isEqualTo(NOW.plus(settings.pollInterval()));
            assertThat(install.followUp().check()).as("the next check").isEqualTo(2);
        });
    }

    @Test
    void anAgentStillInstallingIsPolledNotInstalledAgain() {
        VirtualMachineView installing = withAgent(newVm(ProvisionDecider.STAGE_REDEPLOYING, "Succeeded"), "Creating");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(installing, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.PollLater.class,
                poll -> assertThat(poll.reason()).contains("AVD agent").contains("Creating"));
    }

    @Test
    void aVmWhoseAgentIsProvisionedIsMarkedRedeployed() {
        VirtualMachineView ready = withAgent(newVm(ProvisionDecider.STAGE_REDEPLOYING, "Succeeded"), "Succeeded");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(ready, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.MarkRedeployed.class,
                mark -> assertThat(mark.vm()).isEqualTo(ready.ref()));
    }

    @Test
    void anAgentInstallThatFailedCountsAsARefusedCreateSoTheVmIsCleanedUpAndMadeAgain() {
        VirtualMachineView broken = withAgent(newVm(ProvisionDecider.STAGE_REDEPLOYING, "Succeeded"), "Failed");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(broken, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CleanUpThenRetry.class, retry -> {
            assertThat(retry.followUp().blueprint().failedCreates()).isEqualTo(1);
            assertThat(retry.reason()).contains("VMExtensionProvisioningError");
        });
    }

    // ---- publishing -----------------------------------------------------------------------------------------

    @Test
    void aVmCreatedButNotYetAnnouncedIsAnnouncedAsRedeployed() {
        VirtualMachineView created = newVm(ProvisionDecider.STAGE_REDEPLOYED, "Succeeded");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(created, null, registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.PublishRedeployed.class, publish -> {
            assertThat(publish.event().messageId()).isEqualTo("hp/" + ROLLOUT + "/std-01/redeployed");
            assertThat(publish.event().targetImageVersionId()).isEqualTo(TARGET);
            assertThat(publish.event().vmResourceId()).isEqualTo(created.id());
        });
    }

    @Test
    void theRolloutsBakeTimeFromHostDrainedTravelsOnToHostRedeployed() {
        VirtualMachineView created = newVm(ProvisionDecider.STAGE_REDEPLOYED, "Succeeded");
        HostDrained d = drained(blueprint(0));
        HostDrained withBake = new HostDrained(d.rolloutId(), d.subscriptionId(), d.resourceGroup(), d.hostPool(), d.host(),
                d.attempt(), d.targetImageVersionId(), d.vmResourceId(), d.blueprint(), java.time.Duration.ofMinutes(45),
                d.check(), d.stageStartedAt(), d.occurredAt());

        ProvisionStep step = decider.decide(withBake, seen(created, null, registered()), NOW);
        ProvisionStep without = decider.decide(d, seen(created, null, registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.PublishRedeployed.class,
                publish -> assertThat(publish.event().bakeTime()).isEqualTo(java.time.Duration.ofMinutes(45)));
        assertThat(without).isInstanceOfSatisfying(ProvisionStep.PublishRedeployed.class,
                publish -> assertThat(publish.event().bakeTime()).as("absent: the verifier's default applies").isNull());
    }

    @Test
    void aRedeliveredDrainServiceMessageAfterHostRedeployedWasSentRepublishesTheSameIdForDuplicateDetection() {
        VirtualMachineView created = newVm(ProvisionDecider.STAGE_REDEPLOYED, "Succeeded");

        ProvisionStep first = decider.decide(drained(blueprint(0)), seen(created, null, registered()), NOW);
        ProvisionStep again = decider.decide(drained(null), seen(created, null, registered()), NOW.plusSeconds(90));

        assertThat(again).isInstanceOfSatisfying(ProvisionStep.PublishRedeployed.class, publish -> assertThat(publish.event()
                .messageId()).isEqualTo(((ProvisionStep.PublishRedeployed) first).event().messageId()));
    }

    @Test
    void aMessageArrivingAfterTheHostWasVerifiedIsIgnored() {
        VirtualMachineView verified = newVm(ProvisionDecider.STAGE_VERIFIED, "Succeeded");

        assertThat(decider.decide(drained(blueprint(0)), seen(verified, null, registered()), NOW))
                .isInstanceOf(ProvisionStep.Ignore.class);
    }

    // ---- late copies and ownership --------------------------------------------------------------------------

    @Test
    void aLateCopyOfTheDrainServiceMessageAfterTheDeleteIsIgnoredBecauseTheFollowUpCarriesTheRedeploy() {
        assertThat(decider.decide(drained(null), seen(null, null, null), NOW)).isInstanceOf(ProvisionStep.Ignore.class);
    }

    @Test
    void aLateCopyOfTheDrainServiceMessageWhileTheNewVmIsCreatingIsIgnored() {
        VirtualMachineView creating = newVm(ProvisionDecider.STAGE_REDEPLOYING, "Creating");

        assertThat(decider.decide(drained(null), seen(creating, null, null), NOW)).isInstanceOf(ProvisionStep.Ignore.class);
    }

    @Test
    void aVmDeletedOutsideTheRolloutBeforeItsBlueprintWasRecordedIsReportedFailed() {
        ProvisionStep step = decider.decide(drained(null), seen(null, null, registered()), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.ReportFailed.class,
                failed -> assertThat(failed.failed().reason()).contains("deleted outside the rollout"));
    }

    @Test
    void aHostOwnedByAnotherRolloutIsLeftAlone() {
        VirtualMachineView vm = oldStandard(Map.of(HostTags.ROLLOUT, "r-other"));

        assertThat(decider.decide(drained(blueprint(0)), seen(vm, nic(), registered()), NOW))
                .isInstanceOfSatisfying(ProvisionStep.Ignore.class, i -> assertThat(i.reason()).contains("r-other"));
    }

    @Test
    void aMessageOfAnEarlierAttemptIsLeftAlone() {
        VirtualMachineView vm = oldStandard(Map.of(HostTags.ROLLOUT, ROLLOUT, HostTags.ATTEMPT, "2"));

        assertThat(decider.decide(drained(blueprint(0)), seen(vm, nic(), registered()), NOW))
                .isInstanceOf(ProvisionStep.Ignore.class);
    }

    @Test
    void aVmOfTheFirstAttemptOnTheTargetImageIsRedeployedAgainInTheSecondAttempt() {
        Map<String, String> tags = Map.of(HostTags.ROLLOUT, ROLLOUT, HostTags.ATTEMPT, "2", HostTags.IMAGE, TARGET,
                HostTags.STAGE, ProvisionDecider.STAGE_DRAINED);
        VirtualMachineView vm = with(oldStandard(Map.of()), tags, "Succeeded");

        ProvisionStep step = decider.decide(drainedAttempt(2, blueprint(0)), seen(vm, null, registered()), NOW);

        assertThat(step).isInstanceOf(ProvisionStep.RemoveSessionHost.class);
    }

    // ---- refused creates --------------------------------------------------------------------------------------

    @Test
    void aRefusedCreateIsCleanedUpAndRetriedWithBackoff() {
        ProvisionStep step = decider.createRefused(drained(blueprint(0)), "AllocationFailed", "no capacity", NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CleanUpThenRetry.class, retry -> {
            assertThat(retry.vm()).isEqualTo(new VmRef(RG, "std-01"));
            assertThat(retry.nicName()).isEqualTo("std-01-nic");
            assertThat(retry.at()).isEqualTo(NOW.plus(Duration.ofMinutes(1)));
            assertThat(retry.followUp().blueprint().failedCreates()).isEqualTo(1);
            assertThat(retry.followUp().blueprint().lastErrorCode()).isEqualTo("AllocationFailed");
        });
    }

    @Test
    void theBackoffDoublesWithEachRefusal() {
        ProvisionStep step = decider.createRefused(drained(blueprint(1)), "SkuNotAvailable", "size not offered", NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CleanUpThenRetry.class,
                retry -> assertThat(retry.at()).isEqualTo(NOW.plus(Duration.ofMinutes(2))));
    }

    @Test
    void theLastAllowedRefusalIsCleanedUpAndReportedWithAzuresCodeAndMessage() {
        ProvisionStep step = decider.createRefused(drained(blueprint(2)), "AllocationFailed", "no capacity", NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CleanUpThenFail.class, fail -> {
            assertThat(fail.failed().stage()).isEqualTo(FailedStage.REDEPLOY);
            assertThat(fail.failed().errorCode()).isEqualTo("AllocationFailed");
            assertThat(fail.failed().errorMessage()).isEqualTo("no capacity");
            assertThat(fail.failed().reason()).contains("3 attempts");
            assertThat(fail.vm()).isEqualTo(new VmRef(RG, "std-01"));
        });
    }

    @Test
    void aVmOfThisAttemptFoundFailedCountsAsARefusedCreate() {
        VirtualMachineView failed = newVm(ProvisionDecider.STAGE_REDEPLOYING, "Failed");

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(failed, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CleanUpThenRetry.class,
                retry -> assertThat(retry.followUp().blueprint().failedCreates()).isEqualTo(1));
    }

    @Test
    void aVmWhoseCreationFailedAsynchronouslyIsRetriedWithTheCodeAzureReportedInItsInstanceView() {
        VirtualMachineView failed = newVm(ProvisionDecider.STAGE_REDEPLOYING, "Failed");
        failed = new VirtualMachineView(failed.id(), failed.ref(), failed.location(), failed.size(), failed.tags(),
                failed.powerState(), failed.osDiskKind(), failed.ephemeralPlacement(), failed.osDiskId(),
                failed.imageReferenceId(), failed.networkInterfaceIds(), failed.hibernationEnabled(), "Failed",
                failed.computerName(), new VirtualMachineView.ProvisioningFailure("AllocationFailed", "no capacity"), null, true);

        ProvisionStep step = decider.decide(drained(blueprint(0)), seen(failed, null, null), NOW);

        assertThat(step).isInstanceOfSatisfying(ProvisionStep.CleanUpThenRetry.class, retry -> {
            assertThat(retry.followUp().blueprint().failedCreates()).isEqualTo(1);
            assertThat(retry.reason()).contains("AllocationFailed");
        });
    }

    @Test
    void aRefusalIsOnlyHandledForAMessageCarryingTheBlueprint() {
        assertThatThrownBy(() -> decider.createRefused(drained(null), "AllocationFailed", "x", NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blueprint");
    }

    // ---- fixtures -----------------------------------------------------------------------------------------------

    private static HostDrained drained(VmBlueprint blueprint) {
        return drainedAttempt(1, blueprint);
    }

    private static HostDrained drainedAttempt(int attempt, VmBlueprint blueprint) {
        return new HostDrained(ROLLOUT, SUB, RG, "hp", "std-01", attempt, TARGET, null, blueprint,
                blueprint == null ? 0 : 1, NOW.minusSeconds(600), NOW.minusSeconds(5));
    }

    private static VmBlueprint blueprint(int failedCreates) {
        return new VmBlueprint(RG, "std-01", "westeurope", "Standard_D4ds_v5", HostClass.STANDARD, "ResourceDisk",
                "std-01-nic", SUBNET, "std-01", Map.of(HostTags.ADMIN_DRAINED, "true",
                HostTags.DEFAULT_SCALING_EXCLUSION, "true", "costCenter", "4711"), failedCreates,
                failedCreates == 0 ? null : "AllocationFailed", failedCreates == 0 ? null : "no capacity");
    }

    private static ProvisionObservation seen(VirtualMachineView vm, NetworkInterfaceView nic, SessionHostView host) {
        return new ProvisionObservation(Optional.ofNullable(vm), Optional.ofNullable(nic), Optional.ofNullable(host));
    }

    private static NetworkInterfaceView nic() {
        return new NetworkInterfaceView("/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/Microsoft.Network/networkInterfaces/std-01-nic",
                RG, "std-01-nic", "westeurope", SUBNET, "10.0.0.4");
    }

    private static SessionHostView registered() {
        return new SessionHostView("hp", "std-01", "std-01", "/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/"
                + "Microsoft.Compute/virtualMachines/std-01", "vm-guid", "Available", false, 0, NOW, NOW, "1.0", "10.0",
                "Succeeded", null, null, List.of());
    }

    private static VirtualMachineView oldStandard(Map<String, String> tags) {
        return new VirtualMachineView("/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/Microsoft.Compute/virtualMachines/std-01",
                new VmRef(RG, "std-01"), "westeurope", "Standard_D4ds_v5", tags, PowerState.RUNNING, OsDiskKind.EPHEMERAL,
                "ResourceDisk", null, OLD_IMAGE, List.of(nic().id()), false, "Succeeded", "std-01");
    }

    private static VirtualMachineView oldDr(PowerState power, Map<String, String> tags) {
        return new VirtualMachineView("/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/Microsoft.Compute/virtualMachines/std-01",
                new VmRef(RG, "std-01"), "westeurope", "Standard_D4s_v5", tags, power, OsDiskKind.MANAGED, null,
                "/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/Microsoft.Compute/disks/std-01-osdisk", OLD_IMAGE,
                List.of(nic().id()), true, "Succeeded", "std-01");
    }

    private static VirtualMachineView managedWithoutHibernation() {
        VirtualMachineView dr = oldDr(PowerState.RUNNING, Map.of());
        return new VirtualMachineView(dr.id(), dr.ref(), dr.location(), dr.size(), dr.tags(), dr.powerState(), dr.osDiskKind(),
                null, dr.osDiskId(), dr.imageReferenceId(), dr.networkInterfaceIds(), false, "Succeeded", "std-01");
    }

    private static VirtualMachineView newVm(String stage, String provisioning) {
        return with(oldStandard(Map.of()), Map.of(HostTags.ROLLOUT, ROLLOUT, HostTags.ATTEMPT, "1", HostTags.IMAGE, TARGET,
                HostTags.STAGE, stage), provisioning);
    }

    private static VirtualMachineView with(VirtualMachineView vm, Map<String, String> tags, String provisioning) {
        Map<String, String> all = new HashMap<>(vm.tags());
        all.putAll(tags);
        return new VirtualMachineView(vm.id(), vm.ref(), vm.location(), vm.size(), all, vm.powerState(), vm.osDiskKind(),
                vm.ephemeralPlacement(), vm.osDiskId(), vm.imageReferenceId(), vm.networkInterfaceIds(),
                vm.hibernationEnabled(), provisioning, vm.computerName());
    }

    private static VirtualMachineView withAgent(VirtualMachineView vm, String agentProvisioningState) {
        return new VirtualMachineView(vm.id(), vm.ref(), vm.location(), vm.size(), vm.tags(), vm.powerState(),
                vm.osDiskKind(), vm.ephemeralPlacement(), vm.osDiskId(), vm.imageReferenceId(), vm.networkInterfaceIds(),
                vm.hibernationEnabled(), vm.provisioningState(), vm.computerName(), null, agentProvisioningState, true);
    }
}
