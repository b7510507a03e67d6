package io.avdroll.emulator.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.ResourceIds;
import io.avdroll.emulator.avd.DesktopSimulation;
import io.avdroll.emulator.avd.HostPool;
import io.avdroll.emulator.avd.HostPools;
import io.avdroll.emulator.avd.SessionHost;
import io.avdroll.emulator.compute.PowerState;
import io.avdroll.emulator.compute.VirtualMachine;
import io.avdroll.emulator.compute.VirtualMachineService;
import io.avdroll.emulator.fault.FaultRule;
import io.avdroll.emulator.gallery.GalleryCatalog;
import io.avdroll.emulator.gallery.GalleryRoutes;
import io.avdroll.emulator.network.NetworkRoutes;
import io.avdroll.emulator.state.ArmResource;
import io.avdroll.emulator.state.EmulatorState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** Applies a {@link Seed} to the state: galleries, networks, VMs, registered session hosts, sessions, faults. */
public final class Seeder {
    private static final Set<String> DR_POWER = Set.of("hibernated", "deallocated", "running");

    private final EmulatorState state;
    private final VirtualMachineService vms;
    private final HostPools pools;
    private final DesktopSimulation simulation;
    private final NetworkRoutes network;

    public Seeder(EmulatorState state, VirtualMachineService vms, HostPools pools, DesktopSimulation simulation, NetworkRoutes network) {
        this.state = state;
        this.vms = vms;
        this.pools = pools;
        this.simulation = simulation;
        this.network = network;
    }

    /** Validates then applies; call under the state lock. */
    public void apply(Seed seed) {
        validate(seed);
        seed.subscriptions.forEach(state::addSubscription);
        for (Seed.GallerySeed g : seed.galleries) {
            String galleryId = ResourceIds.id(g.subscription, g.resourceGroup, "Microsoft.Compute/galleries/" + g.name);
            GalleryRoutes.publish(state, galleryId, GalleryCatalog.GALLERY, g.location, Json.object(), Json.object());
            for (Seed.ImageSeed image : g.images) {
                String imageId = galleryId + "/images/" + image.name;
                ObjectNode props = Json.object().put("osType", image.osType).put("osState", "Generalized").put("hyperVGeneration", "V2");
                props.putObject("identifier").put("publisher", "Contoso").put("offer", "avd").put("sku", image.name);
                GalleryRoutes.publish(state, imageId, GalleryCatalog.IMAGE, g.location, Json.object(), props);
                for (Seed.VersionSeed v : image.versions) {
                    ObjectNode vp = Json.object();
                    ObjectNode publishing = vp.putObject("publishingProfile");
                    publishing.put("publishedDate", v.publishedDate != null ? Instant.parse(v.publishedDate).toString() : state.now().toString());
                    publishing.put("excludeFromLatest", v.excludeFromLatest);
                    GalleryRoutes.publish(state, imageId + "/versions/" + v.name, GalleryCatalog.VERSION, g.location, Json.object(), vp);
                }
            }
        }
        for (Seed.PoolSeed p : seed.hostPools) {
            seedPool(p);
        }
        for (FaultRule f : seed.faults) {
            state.faults.add(f);
        }
        if (seed.subscriptionLimits != null) {
            state.throttle.configure(seed.subscriptionLimits);
        }
    }

    private void validate(Seed seed) {
        for (int i = 0; i < seed.galleries.size(); i++) {
            Seed.GallerySeed g = seed.galleries.get(i);
            require(g.subscription, "galleries[" + i + "].subscription");
            require(g.resourceGroup, "galleries[" + i + "].resourceGroup");
            require(g.name, "galleries[" + i + "].name");
            require(g.location, "galleries[" + i + "].location");
            for (int j = 0; j < g.images.size(); j++) {
                require(g.images.get(j).name, "galleries[" + i + "].images[" + j + "].name");
                for (int k = 0; k < g.images.get(j).versions.size(); k++) {
                    String where = "galleries[" + i + "].images[" + j + "].versions[" + k + "]";
                    Seed.VersionSeed v = g.images.get(j).versions.get(k);
                    require(v.name, where + ".name");
                    if (!v.name.matches("\\d+\\.\\d+\\.\\d+")) {
                        throw new IllegalArgumentException(where + ".name must look like major.minor.patch, was '" + v.name + "'");
                    }
                    if (v.publishedDate != null) {
                        try {
                            Instant.parse(v.publishedDate);
                        } catch (java.time.format.DateTimeParseException e) {
                            throw new IllegalArgumentException(where + ".publishedDate must be an ISO-8601 instant, was '" + v.publishedDate + "'");
                        }
                    }
                }
            }
        }
        for (int i = 0; i < seed.hostPools.size(); i++) {
            Seed.PoolSeed p = seed.hostPools.get(i);
            String where = "hostPools[" + i + "]";
            require(p.subscription, where + ".subscription");
            require(p.resourceGroup, where + ".resourceGroup");
            require(p.name, where + ".name");
            require(p.location, where + ".location");
            if (p.maxSessionLimit < 1) {
                throw new IllegalArgumentException(where + ".maxSessionLimit must be >= 1, was " + p.maxSessionLimit);
            }
            if (!Set.of("BreadthFirst", "DepthFirst").contains(p.loadBalancerType)) {
                throw new IllegalArgumentException(where + ".loadBalancerType must be BreadthFirst or DepthFirst, was " + p.loadBalancerType);
            }
            if (p.standardHosts.count < 0 || p.drHosts.count < 0 || p.usersPerHost < 0) {
                throw new IllegalArgumentException(where + ": host counts and usersPerHost must be >= 0");
            }
            if (p.usersPerHost > p.maxSessionLimit) {
                throw new IllegalArgumentException(where + ".usersPerHost (" + p.usersPerHost + ") exceeds maxSessionLimit (" + p.maxSessionLimit + ")");
            }
            if ((p.standardHosts.count > 0 || p.drHosts.count > 0) && p.image == null) {
                throw new IllegalArgumentException(where + ".image is required when the pool has hosts");
            }
            if (p.drHosts.powerState != null && !DR_POWER.contains(p.drHosts.powerState)) {
                throw new IllegalArgumentException(where + ".drHosts.powerState must be one of " + DR_POWER + ", was " + p.drHosts.powerState);
            }
            if (p.registrationTokenHours != 0 && (p.registrationTokenHours < 1 || p.registrationTokenHours > 720)) {
                throw new IllegalArgumentException(where + ".registrationTokenHours must be 1..720 (or 0 for none), was " + p.registrationTokenHours);
            }
            p.users.validate(where + ".users");
        }
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("seed field '" + field + "' is required");
        }
    }

    private void seedPool(Seed.PoolSeed p) {
        String poolId = HostPools.poolId(p.subscription, p.resourceGroup, p.name);
        ObjectNode body = Json.object();
        body.put("location", p.location);
        body.set("tags", Json.MAPPER.valueToTree(p.tags));
        ObjectNode props = body.putObject("properties");
        props.put("hostPoolType", "Pooled").put("loadBalancerType", p.loadBalancerType).put("preferredAppGroupType", "Desktop")
                .put("maxSessionLimit", p.maxSessionLimit).put("friendlyName", p.name);
        HostPool pool = pools.put(poolId, body, "admin");
        pool.domain = p.domain;
        pool.users = p.users;
        if (p.registrationTokenHours > 0) {
            pools.issueToken(pool, state.now().plus(Duration.ofHours(p.registrationTokenHours)), "admin");
        }
        if (p.standardHosts.count == 0 && p.drHosts.count == 0) {
            return;
        }
        String imageId = resolveImage(p);
        String vmGroup = p.vmResourceGroup != null ? p.vmResourceGroup : p.resourceGroup;
        String vnetId = ResourceIds.id(p.subscription, vmGroup, NetworkRoutes.VNET + "/" + p.name + "-vnet");
        if (state.resource(vnetId) == null) {
            ObjectNode vnetProps = Json.object();
            vnetProps.putObject("addressSpace").putArray("addressPrefixes").add("10.0.0.0/16");
            state.put(new ArmResource(vnetId, NetworkRoutes.VNET, p.location, Json.object(), vnetProps.put("provisioningState", "Succeeded")));
            network.putSubnet(vnetId, "default", Json.object().put("addressPrefix", "10.0.0.0/22"));
        }
        String subnetId = vnetId + "/subnets/default";
        seedHosts(pool, p, p.standardHosts, false, imageId, vmGroup, subnetId);
        seedHosts(pool, p, p.drHosts, true, imageId, vmGroup, subnetId);
        for (SessionHost host : pool.hosts.values()) {
            if (host.status.equals("Available")) {
                for (int u = 0; u < p.usersPerHost; u++) {
                    simulation.logOnTo(pool, host);
                }
            }
        }
        simulation.arrivalsFor(pool);
    }

    private String resolveImage(Seed.PoolSeed p) {
        if (p.image.startsWith("/")) {
            if (GalleryCatalog.resolve(state, p.image).isEmpty()) {
                throw new IllegalArgumentException("seed hostPools '" + p.name + "'.image: no gallery image version " + p.image);
            }
            return GalleryCatalog.resolve(state, p.image).get().id;
        }
        String[] parts = p.image.split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("seed hostPools '" + p.name + "'.image must be a full id or gallery/image/version, was '" + p.image + "'");
        }
        String suffix = ("/galleries/" + parts[0] + "/images/" + parts[1] + "/versions/" + parts[2]).toLowerCase();
        return state.list("/subscriptions/" + p.subscription + "/", GalleryCatalog.VERSION).stream()
                .filter(v -> v.key().endsWith(suffix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("seed hostPools '" + p.name + "'.image: no gallery image version '" + p.image
                        + "' in subscription " + p.subscription)).id;
    }

    private void seedHosts(HostPool pool, Seed.PoolSeed p, Seed.HostGroup group, boolean dr, String imageId, String vmGroup, String subnetId) {
        String prefix = group.namePrefix != null ? group.namePrefix : p.name + (dr ? "-dr-" : "-");
        String power = dr ? (group.powerState == null ? "hibernated" : group.powerState) : "running";
        for (int i = 1; i <= group.count; i++) {
            String vmName = String.format("%s%02d", prefix, i);
            String nicId = ResourceIds.id(p.subscription, vmGroup, NetworkRoutes.NIC + "/" + vmName + "-nic");
            ObjectNode nicProps = Json.object();
            ObjectNode cfg = nicProps.putArray("ipConfigurations").addObject();
            cfg.put("name", "ipconfig1").put("id", nicId + "/ipConfigurations/ipconfig1");
            cfg.putObject("properties").put("privateIPAddress", "10.0." + (dr ? 1 : 0) + "." + (i + 3))
                    .put("privateIPAllocationMethod", "Dynamic").put("primary", true).put("provisioningState", "Succeeded")
                    .putObject("subnet").put("id", subnetId);
            nicProps.put("provisioningState", "Succeeded");
            state.put(new ArmResource(nicId, NetworkRoutes.NIC, p.location, Json.object(), nicProps));

            ObjectNode vmBody = Json.object();
            vmBody.put("location", p.location);
            vmBody.set("tags", Json.MAPPER.valueToTree(group.vmTags));
            ObjectNode props = vmBody.putObject("properties");
            props.putObject("hardwareProfile").put("vmSize", group.vmSize != null ? group.vmSize : dr ? "Standard_D4s_v5" : "Standard_D4ds_v5");
            ObjectNode storage = props.putObject("storageProfile");
            storage.putObject("imageReference").put("id", imageId);
            ObjectNode osDisk = storage.putObject("osDisk");
            osDisk.put("createOption", "FromImage").put("deleteOption", "Delete");
            if (dr) {
                osDisk.put("caching", "ReadWrite").putObject("managedDisk").put("storageAccountType", "Premium_LRS");
                props.putObject("additionalCapabilities").put("hibernationEnabled", true);
            } else {
                osDisk.put("caching", "ReadOnly").putObject("managedDisk").put("storageAccountType", "Standard_LRS");
                osDisk.putObject("diffDiskSettings").put("option", "Local").put("placement", "ResourceDisk");
            }
            props.putObject("osProfile").put("computerName", vmName).put("adminUsername", "avdadmin")
                    .putObject("windowsConfiguration").put("provisionVMAgent", true).put("enableAutomaticUpdates", false);
            props.putObject("networkProfile").putArray("networkInterfaces").addObject().put("id", nicId)
                    .putObject("properties").put("primary", true).put("deleteOption", "Delete");
            String vmId = ResourceIds.id(p.subscription, vmGroup, "Microsoft.Compute/virtualMachines/" + vmName);
            PowerState ps = power.equals("running") ? PowerState.RUNNING : PowerState.DEALLOCATED;
            VirtualMachine vm = vms.seed(vmId, vmBody, ps, power.equals("hibernated"));
            simulation.registerSeeded(pool, vm, imageId);
        }
    }

}
