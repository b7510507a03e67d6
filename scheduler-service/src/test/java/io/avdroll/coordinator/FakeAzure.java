package io.avdroll.coordinator;

import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.OsDiskKind;
import io.avdroll.azure.compute.PowerState;
import io.avdroll.azure.compute.SessionHostVmSpec;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolPatch;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPoolView;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RegistrationToken;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.failure.AzureFailureKind;
import io.avdroll.azure.gallery.GalleryImageRef;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.azure.gallery.ImageVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small in-memory Azure behind the project's own ports (not the SDK): one subscription's host pools, session hosts,
 * VMs and gallery versions, with a log of the power operations, a log of the reads (to count what a look at a pool
 * costs) and a way to make the next calls fail.
 */
final class FakeAzure implements HostPools, SessionHosts, VirtualMachines, ImageGallery {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000aa";
    static final String IMAGES = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-images/providers/Microsoft.Compute"
            + "/galleries/gal/images/win11";

    final Map<String, HostPoolView> pools = new LinkedHashMap<>();
    final Map<String, Map<String, SessionHostView>> hosts = new LinkedHashMap<>();
    final Map<String, VirtualMachineView> vms = new LinkedHashMap<>();
    final List<String> versions = new ArrayList<>(List.of("1.0.0", "2.0.0"));
    final List<String> powerOps = new ArrayList<>();
    final List<String> reads = new ArrayList<>();
    AzureFailure failNextObservation;
    AzureFailure failNextPowerOp;
    AzureFailure failNextVmList;

    static String image(String version) {
        return IMAGES + "/versions/" + version;
    }

    FakeAzure pool(String rg, String name, int maxSessionLimit) {
        pools.put(key(rg, name), new HostPoolView("/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + rg
                + "/providers/Microsoft.DesktopVirtualization/hostPools/" + name, name, "westeurope", Map.of(), "Pooled",
                "BreadthFirst", maxSessionLimit, "Desktop", false, name, null, null));
        hosts.put(key(rg, name), new LinkedHashMap<>());
        return this;
    }

    FakeAzure standardHost(String rg, String pool, String host, String version, int sessions) {
        return host(rg, pool, host, version, sessions, OsDiskKind.EPHEMERAL, false, PowerState.RUNNING, "Available");
    }

    FakeAzure drHost(String rg, String pool, String host, String version, PowerState power) {
        return host(rg, pool, host, version, 0, OsDiskKind.MANAGED, true, power,
                power == PowerState.RUNNING ? "Available" : "Unavailable");
    }

    FakeAzure host(String rg, String pool, String host, String version, int sessions, OsDiskKind disk, boolean hibernation,
                   PowerState power, String status) {
        String vmId = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/virtualMachines/" + host;
        hosts.get(key(rg, pool)).put(host, new SessionHostView(pool, host, host, vmId, "vm-guid-" + host, status, true,
                sessions, null, null, null, null, null, null, null, List.of()));
        vms.put(vmKey(new VmRef(rg, host)), new VirtualMachineView(vmId, new VmRef(rg, host), "westeurope", "Standard_D4ds_v5",
                Map.of(), power, disk, disk == OsDiskKind.EPHEMERAL ? "ResourceDisk" : null, vmId + "-osdisk",
                image(version), List.of(vmId + "-nic"), hibernation, "Succeeded", host));
        return this;
    }

    void setStatus(String rg, String pool, String host, String status) {
        SessionHostView h = hosts.get(key(rg, pool)).get(host);
        hosts.get(key(rg, pool)).put(host, new SessionHostView(h.hostPool(), h.name(), h.vmName(), h.resourceId(),
                h.virtualMachineId(), status, h.allowNewSession(), h.sessions(), null, null, null, null, null, null, null, List.of()));
    }

    private static String key(String rg, String name) {
        return (rg + "/" + name).toLowerCase();
    }

    private static String vmKey(VmRef ref) {
        return ref.toString().toLowerCase();
    }

    private static AzureFailure notFound(String what) {
        return new AzureFailure(AzureFailureKind.NOT_FOUND, "get " + what, 404, "ResourceNotFound", what + " not found", null);
    }

    // ---- HostPools ----

    @Override
    public HostPoolView get(HostPoolRef pool) {
        if (failNextObservation != null) {
            AzureFailure f = failNextObservation;
            failNextObservation = null;
            throw f;
        }
        reads.add("get pool " + pool);
        HostPoolView view = pools.get(key(pool.resourceGroup(), pool.name()));
        if (view == null) {
            throw notFound("host pool " + pool);
        }
        return view;
    }

    @Override
    public HostPoolView update(HostPoolRef pool, HostPoolPatch patch) {
        throw new UnsupportedOperationException("the coordinator does not change host pools");
    }

    @Override
    public Optional<RegistrationToken> currentRegistrationToken(HostPoolRef pool) {
        throw new UnsupportedOperationException("the coordinator does not read registration tokens");
    }

    @Override
    public RegistrationToken renewRegistrationToken(HostPoolRef pool, Instant expiresAt, Instant now) {
        throw new UnsupportedOperationException("the coordinator does not issue registration tokens");
    }

    // ---- SessionHosts ----

    @Override
    public List<SessionHostView> list(HostPoolRef pool) {
        reads.add("list session hosts " + pool);
        return List.copyOf(hosts.get(key(pool.resourceGroup(), pool.name())).values());
    }

    @Override
    public SessionHostView get(HostPoolRef pool, String sessionHost) {
        return find(pool, sessionHost).orElseThrow(() -> notFound("session host " + sessionHost));
    }

    @Override
    public Optional<SessionHostView> find(HostPoolRef pool, String sessionHost) {
        return Optional.ofNullable(hosts.get(key(pool.resourceGroup(), pool.name())).get(sessionHost));
    }

    @Override
    public SessionHostView setAllowNewSession(HostPoolRef pool, String sessionHost, boolean allow) {
        SessionHostView h = get(pool, sessionHost);
        SessionHostView changed = new SessionHostView(h.hostPool(), h.name(), h.vmName(), h.resourceId(), h.virtualMachineId(),
                h.status(), allow, h.sessions(), null, null, null, null, null, null, null, List.of());
        hosts.get(key(pool.resourceGroup(), pool.name())).put(sessionHost, changed);
        powerOps.add((allow ? "allow " : "drain-mode ") + sessionHost);
        return changed;
    }

    @Override
    public void delete(HostPoolRef pool, String sessionHost, boolean force) {
        throw new UnsupportedOperationException("the coordinator never deletes session hosts");
    }

    // ---- VirtualMachines ----

    @Override
    public Optional<VirtualMachineView> find(VmRef vm) {
        reads.add("get VM " + vm);
        return Optional.ofNullable(vms.get(vmKey(vm)));
    }

    @Override
    public VirtualMachineView get(VmRef vm) {
        return find(vm).orElseThrow(() -> notFound("VM " + vm));
    }

    @Override
    public List<VirtualMachineView> listWithPowerState(String resourceGroup) {
        reads.add("list VMs " + resourceGroup);
        if (failNextVmList != null) {
            AzureFailure f = failNextVmList;
            failNextVmList = null;
            throw f;
        }
        return vms.values().stream().filter(vm -> vm.ref().resourceGroup().equalsIgnoreCase(resourceGroup)).toList();
    }

    @Override
    public NetworkInterfaceView getNetworkInterface(String networkInterfaceId) {
        throw new UnsupportedOperationException("the coordinator does not read NICs");
    }

    @Override
    public VirtualMachineView createSessionHost(SessionHostVmSpec spec) {
        throw new UnsupportedOperationException("the coordinator never creates VMs");
    }

    @Override
    public void beginDelete(VirtualMachineView vm) {
        throw new UnsupportedOperationException("the coordinator never deletes VMs");
    }

    @Override
    public void beginCreateVm(SessionHostVmSpec spec) {
        throw new UnsupportedOperationException("the coordinator never creates VMs");
    }

    @Override
    public void beginAgentInstall(SessionHostVmSpec spec) {
        throw new UnsupportedOperationException("the coordinator never installs agents");
    }

    @Override
    public void delete(VmRef vm) {
        throw new UnsupportedOperationException("the coordinator never deletes VMs");
    }

    @Override
    public void delete(VirtualMachineView vm) {
        throw new UnsupportedOperationException("the coordinator never deletes VMs");
    }

    @Override
    public void hibernate(VmRef vm) {
        power(vm, PowerState.HIBERNATED, "hibernate");
    }

    @Override
    public void deallocate(VmRef vm) {
        power(vm, PowerState.DEALLOCATED, "deallocate");
    }

    @Override
    public void start(VmRef vm) {
        power(vm, PowerState.RUNNING, "start");
    }

    private void power(VmRef ref, PowerState to, String op) {
        if (failNextPowerOp != null) {
            AzureFailure f = failNextPowerOp;
            failNextPowerOp = null;
            throw f;
        }
        VirtualMachineView v = existing(ref);
        vms.put(vmKey(ref), new VirtualMachineView(v.id(), v.ref(), v.location(), v.size(), v.tags(), to, v.osDiskKind(),
                v.ephemeralPlacement(), v.osDiskId(), v.imageReferenceId(), v.networkInterfaceIds(), v.hibernationEnabled(),
                v.provisioningState(), v.computerName()));
        powerOps.add(op + " " + ref.name());
    }

    @Override
    public Map<String, String> updateTags(VmRef ref, Map<String, String> put, Set<String> remove) {
        reads.add("read tags " + ref);
        return updateTags(ref, existing(ref).tags(), put, remove);
    }

    @Override
    public Map<String, String> updateTags(VmRef ref, Map<String, String> current, Map<String, String> put, Set<String> remove) {
        VirtualMachineView v = existing(ref);
        Map<String, String> tags = new HashMap<>(current);
        tags.putAll(put);
        remove.forEach(tags::remove);
        vms.put(vmKey(ref), new VirtualMachineView(v.id(), v.ref(), v.location(), v.size(), tags, v.powerState(),
                v.osDiskKind(), v.ephemeralPlacement(), v.osDiskId(), v.imageReferenceId(), v.networkInterfaceIds(),
                v.hibernationEnabled(), v.provisioningState(), v.computerName()));
        return Map.copyOf(tags);
    }

    private VirtualMachineView existing(VmRef ref) {
        return Optional.ofNullable(vms.get(vmKey(ref))).orElseThrow(() -> notFound("VM " + ref));
    }

    // ---- ImageGallery ----

    @Override
    public List<ImageVersion> listVersions(GalleryImageRef image) {
        if (!image.gallery().equals("gal") || !image.image().equals("win11")) {
            throw notFound("gallery image " + image);
        }
        return versions.stream().map(v -> new ImageVersion(IMAGES + "/versions/" + v, v, Instant.EPOCH, false, Set.of(),
                "Succeeded", 128, null)).toList();
    }
}
