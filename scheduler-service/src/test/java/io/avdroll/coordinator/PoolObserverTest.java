package io.avdroll.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.pool.PowerState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one look at a pool reads from Azure: a fixed number of calls, whatever the pool's size. */
class PoolObserverTest {

    private static final String RG = "rg-avd";
    private static final String POOL = "hp-one";
    private static final HostPoolRef REF = new HostPoolRef(RG, POOL);

    private final FakeAzure azure = new FakeAzure().pool(RG, POOL, 8);
    private final PoolObserver observer = new PoolObserver(azure, azure, azure);

    @Test
    void aLookAtAPoolOfThreeOrOfFortyHostsReadsThePoolItsSessionHostsAndOneVmListNoVmOneByOne() {
        addHosts(1, 3);
        PoolObservation small = observer.observe(REF, FakeAzure.image("2.0.0"));
        List<String> smallReads = List.copyOf(azure.reads);

        azure.reads.clear();
        addHosts(4, 40);
        PoolObservation large = observer.observe(REF, FakeAzure.image("2.0.0"));

        assertThat(smallReads).containsExactly("get pool " + REF, "list session hosts " + REF, "list VMs " + RG);
        assertThat(azure.reads).isEqualTo(smallReads);
        assertThat(small.snapshot().size()).isEqualTo(3);
        assertThat(large.snapshot().size()).isEqualTo(40);
        assertThat(large.snapshot().hosts()).allSatisfy(h -> assertThat(h.powerState()).isEqualTo(PowerState.RUNNING));
    }

    @Test
    void vmsInTwoResourceGroupsCostOneListEachAndAreMatchedToTheirHostsWhateverTheLetterCase() {
        addHosts(1, 2);
        azure.pool("rg-vms", "other-pool", 8).drHost("rg-vms", "other-pool", "dr-01", "1.0.0", io.avdroll.azure.compute.PowerState.HIBERNATED);
        SessionHostView dr = azure.hosts.get("rg-vms/other-pool").remove("dr-01");
        azure.hosts.get(RG + "/" + POOL).put("dr-01.contoso.local", new SessionHostView(POOL,
                "dr-01.contoso.local", "dr-01", dr.resourceId().replace("rg-vms", "RG-VMS").replace("/dr-01", "/DR-01"),
                null, "Unavailable", true, 0, null, null, null, null, null, null, null, List.of()));
        azure.reads.clear();

        PoolObservation observed = observer.observe(REF, FakeAzure.image("2.0.0"));

        assertThat(azure.reads).containsExactly("get pool " + REF, "list session hosts " + REF, "list VMs " + RG,
                "list VMs RG-VMS");
        assertThat(observed.snapshot().host("dr-01.contoso.local").orElseThrow().powerState()).isEqualTo(PowerState.HIBERNATED);
        assertThat(observed.vmOf("dr-01.contoso.local")).contains(new VmRef("rg-vms", "dr-01"));
    }

    @Test
    void vmsOfTheResourceGroupThatBackNoSessionHostOfThePoolAreLeftOut() {
        addHosts(1, 2);
        azure.pool(RG, "hp-two", 8).standardHost(RG, "hp-two", "stranger-01", "1.0.0", 0);

        PoolObservation observed = observer.observe(REF, FakeAzure.image("2.0.0"));

        assertThat(observed.vms()).containsOnlyKeys("host-01", "host-02");
        assertThat(observed.vms().values()).extracting(VirtualMachineView::ref)
                .containsExactlyInAnyOrder(new VmRef(RG, "host-01"), new VmRef(RG, "host-02"));
    }

    @Test
    void aPoolThatIsASmallShareOfItsResourceGroupIsReadOneVmAtATimeAfterTheFirstListingAndListedAgainOnceInAHundredLooks() {
        addHosts(1, 3);
        azure.pool(RG, "hp-big", 8);
        for (int i = 1; i <= 40; i++) {
            azure.standardHost(RG, "hp-big", "big-%02d".formatted(i), "1.0.0", 0);
        }
        azure.vms.remove(RG + "/host-03"); // a session host whose VM is gone is left without a VM either way

        PoolObservation first = observer.observe(REF, FakeAzure.image("2.0.0"));
        List<String> firstReads = List.copyOf(azure.reads);
        azure.reads.clear();
        PoolObservation second = observer.observe(REF, FakeAzure.image("2.0.0"));
        List<String> secondReads = List.copyOf(azure.reads);
        int listings = 0;
        for (int look = 3; look <= 101; look++) {
            azure.reads.clear();
            observer.observe(REF, FakeAzure.image("2.0.0"));
            listings += azure.reads.contains("list VMs " + RG) ? 1 : 0;
        }

        assertThat(firstReads).containsExactly("get pool " + REF, "list session hosts " + REF, "list VMs " + RG);
        assertThat(secondReads).containsExactly("get pool " + REF, "list session hosts " + REF,
                "get VM " + RG + "/host-01", "get VM " + RG + "/host-02", "get VM " + RG + "/host-03");
        assertThat(second.vms()).isEqualTo(first.vms()).containsOnlyKeys("host-01", "host-02");
        assertThat(second.snapshot()).isEqualTo(first.snapshot());
        assertThat(azure.reads).as("look 101, the first of the next hundred").contains("list VMs " + RG);
        assertThat(listings).as("listings in looks 3 to 101").isEqualTo(1);
    }

    @Test
    void aThrottledVmListFailsTheLookWithTheRetryableAzureFailure() {
        addHosts(1, 2);
        azure.failNextVmList = new AzureFailure(AzureFailureKind.THROTTLED, "list VMs of " + RG, 429, "TooManyRequests",
                "slow down", Duration.ofSeconds(2));

        assertThatThrownBy(() -> observer.observe(REF, FakeAzure.image("2.0.0")))
                .isInstanceOfSatisfying(AzureFailure.class, f -> {
                    assertThat(f.retryable()).isTrue();
                    assertThat(f.retryAfter()).contains(Duration.ofSeconds(2));
                });
    }

    private void addHosts(int from, int to) {
        for (int i = from; i <= to; i++) {
            azure.standardHost(RG, POOL, "host-%02d".formatted(i), "1.0.0", 0);
        }
    }
}
