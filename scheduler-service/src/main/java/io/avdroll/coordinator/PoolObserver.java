package io.avdroll.coordinator;

import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPoolView;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a host pool from Azure: the pool (its session limit), its session hosts, and their VMs with power state,
 * listed once per resource group the VMs live in (one paged call each, not one GET per host), so a look costs the
 * same few calls whatever the pool's size. A group the pool shares with many other VMs (other pools' hosts) is not
 * listed on every look: see {@link VmReadChoice}. Fails with {@link io.avdroll.azure.failure.AzureFailure}; NOT_FOUND
 * for the pool itself means there is no such pool.
 */
public final class PoolObserver {

    private final HostPools hostPools;
    private final SessionHosts sessionHosts;
    private final VirtualMachines virtualMachines;
    private final Map<String, VmReadChoice.GroupCensus> censusByGroup = new ConcurrentHashMap<>();

    public PoolObserver(HostPools hostPools, SessionHosts sessionHosts, VirtualMachines virtualMachines) {
        this.hostPools = hostPools;
        this.sessionHosts = sessionHosts;
        this.virtualMachines = virtualMachines;
    }

    public HostPoolView pool(HostPoolRef ref) {
        return hostPools.get(ref);
    }

    public PoolObservation observe(HostPoolRef ref, String targetImageId) {
        return observe(pool(ref), ref, targetImageId);
    }

    public PoolObservation observe(HostPoolView pool, HostPoolRef ref, String targetImageId) {
        List<SessionHostView> hosts = sessionHosts.list(ref);
        Map<String, VmRef> wanted = new LinkedHashMap<>();
        for (SessionHostView host : hosts) {
            vmRefOf(host, ref).ifPresent(vm -> wanted.put(host.name(), vm));
        }
        Map<String, List<VmRef>> byGroup = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        wanted.values().forEach(vm -> byGroup.computeIfAbsent(vm.resourceGroup(), g -> new ArrayList<>()).add(vm));
        Map<String, VirtualMachineView> listed = new HashMap<>();
        byGroup.forEach((group, inGroup) -> {
            String groupKey = group.toLowerCase(Locale.ROOT);
            VmReadChoice.GroupCensus census = censusByGroup.get(groupKey);
            if (VmReadChoice.oneByOne(inGroup.size(), census)) {
                for (VmRef vm : inGroup) {
                    virtualMachines.find(vm).ifPresent(view -> listed.put(key(vm), view));
                }
                censusByGroup.put(groupKey, census.looked());
            } else {
                List<VirtualMachineView> all = virtualMachines.listWithPowerState(group);
                all.forEach(vm -> listed.put(key(vm.ref()), vm));
                censusByGroup.put(groupKey, VmReadChoice.GroupCensus.listed(all.size()));
            }
        });
        Map<String, VirtualMachineView> vms = new HashMap<>();
        wanted.forEach((host, vm) -> {
            VirtualMachineView view = listed.get(key(vm));
            if (view != null) {
                vms.put(host, view);
            }
        });
        return new PoolObservation(SnapshotMapping.snapshot(pool, hosts, vms, targetImageId), vms);
    }

    /** ARM names are case-insensitive: a session host's resource id may spell its VM's group or name differently. */
    private static String key(VmRef vm) {
        return vm.toString().toLowerCase(Locale.ROOT);
    }

    /** The VM behind a session host: from its resource id, else its VM name in the pool's resource group. */
    static Optional<VmRef> vmRefOf(SessionHostView host, HostPoolRef pool) {
        Optional<VmRef> fromId = ArmResourceIds.vmOf(host.resourceId());
        if (fromId.isPresent()) {
            return fromId;
        }
        String name = host.vmName();
        return name == null || name.isBlank() || name.contains("/") ? Optional.empty()
                : Optional.of(new VmRef(pool.resourceGroup(), name));
    }
}
