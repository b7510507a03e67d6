package io.avdroll.deploycheck;

import com.azure.core.http.policy.HttpLogDetailLevel;
import com.fasterxml.jackson.databind.JsonNode;
import io.avdroll.azure.AzureAdapters;
import io.avdroll.azure.client.AzureClientConfig;
import io.avdroll.azure.compute.ArmVmSizeCatalog;
import io.avdroll.azure.compute.AvdAgent;
import io.avdroll.azure.compute.HostClass;
import io.avdroll.azure.compute.NetworkInterfaceView;
import io.avdroll.azure.compute.SessionHostVmSpec;
import io.avdroll.azure.compute.VirtualMachineView;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.compute.VmSizeCatalog;
import io.avdroll.azure.desktop.HostPoolPatch;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RegistrationToken;
import io.avdroll.azure.desktop.SessionHostView;
import io.avdroll.azure.desktop.SessionHosts;
import io.avdroll.azure.desktop.UserSessionView;
import io.avdroll.azure.desktop.UserSessions;
import io.avdroll.azure.gallery.GalleryImageRef;
import io.avdroll.azure.gallery.ImageGallery;
import io.avdroll.azure.gallery.ImageVersion;
import io.avdroll.emulator.AzureEmulator;
import io.avdroll.emulator.EmulatorOptions;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.provision.NetworkInterfaceCleanup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Modifier;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * (b) The custom roles grant exactly what the adapters call. Every method of every Azure port (and the provisioner's
 * NIC cleanup) runs once against the local emulator over HTTPS with the real SDK; the emulator names each request it
 * serves by its Azure RBAC operation. That set must equal the {@code called} entries of rbac/azure-operations.json,
 * the file the role definitions are built from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AzureOperationsInTheCustomRolesTest {

    private static final String SUB = "00000000-0000-0000-0000-0000000000dc";
    private static final String TOKEN = "deploy-check-token";
    private static final String RG = "rg-avd";
    private static final HostPoolRef POOL = new HostPoolRef(RG, "hp-chk");
    private static final String SEED = """
        {"subscriptions": ["%s"],
         "galleries": [{"subscription": "%s", "resourceGroup": "rg-img", "name": "gal", "location": "westeurope",
           "images": [{"name": "win11", "versions": [{"name": "1.0.0"}, {"name": "1.1.0"}]}]}],
         "hostPools": [{"subscription": "%s", "resourceGroup": "%s", "name": "hp-chk", "location": "westeurope",
           "image": "gal/win11/1.0.0", "registrationTokenHours": 24, "usersPerHost": 2,
           "standardHosts": {"count": 2, "vmSize": "Standard_D4ds_v5"},
           "drHosts": {"count": 1, "powerState": "hibernated"}}]}
        """.formatted(SUB, SUB, SUB, RG);

    /** The ports whose every method must be exercised here: a new method fails the check until it is. */
    private static final List<Class<?>> PORTS = List.of(VirtualMachines.class, VmSizeCatalog.class, HostPools.class,
            SessionHosts.class, UserSessions.class, ImageGallery.class, NetworkInterfaceCleanup.class);

    private final Set<String> exercised = new ConcurrentSkipListSet<>();
    private final Map<String, Set<String>> operationsByMethod = new TreeMap<>();
    private Map<String, Long> before = Map.of();
    private AzureEmulator emulator;
    private Map<String, Long> calledOperations;

    @BeforeAll
    void runEveryAdapterOnce() {
        EmulatorOptions options = EmulatorOptions.defaults().serviceBusPort(0).retryAfterSeconds(0).bearerToken(TOKEN);
        options.timings().all(Duration.ofMillis(100));
        emulator = AzureEmulator.start(options.seed(Seed.parse(SEED)));
        AzureAdapters azure = AzureAdapters.open(AzureClientConfig.builder(SUB)
                .emulator(URI.create(emulator.armEndpoint()), TOKEN)
                .trustStore(emulator.trustStorePath(), emulator.trustStorePassword())
                .connectTimeout(Duration.ofSeconds(30)).retryBaseDelay(Duration.ofMillis(100)).retryMaxDelay(Duration.ofSeconds(2)).maxRetries(3)
                .operationTimeout(Duration.ofSeconds(60)).defaultPollInterval(Duration.ofMillis(200))
                .httpLogLevel(HttpLogDetailLevel.NONE).build());
        emulator.counters().reset();

        exerciseDesktopVirtualization(azure);
        exerciseComputeAndNetwork(azure);
        calledOperations = callsByOperation();
    }

    @AfterAll
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void everyMethodOfEveryAzurePortWasExercised() {
        for (Class<?> port : PORTS) {
            Set<String> methods = Arrays.stream(port.getDeclaredMethods())
                    .filter(m -> !m.isSynthetic() && !Modifier.isStatic(m.getModifiers()) && !m.isDefault()
                            && Modifier.isPublic(m.getModifiers()))
                    .map(m -> port.getSimpleName() + "." + m.getName()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(exercised).as("exercise every %s method here so its Azure calls are checked against the roles",
                    port.getSimpleName()).containsAll(methods);
        }
    }

    @Test
    void theOperationsListNamesExactlyTheOperationsTheAdaptersCall() {
        assertThat(calledOperations).as("requests the emulator could not match").doesNotContainKey("unmatched");
        Set<String> declared = new TreeSet<>();
        for (JsonNode op : operations().path("operations")) {
            declared.add(op.path("called").asText());
        }
        assertThat(new TreeSet<>(calledOperations.keySet()))
                .as("operations called by the adapters vs. 'called' in deploy/rbac/azure-operations.json")
                .isEqualTo(declared);
    }

    @Test
    void everyGrantIsAnRbacActionAtAScopeTheTemplatesAssign() {
        Set<String> scopes = new TreeSet<>();
        for (JsonNode op : operations().path("operations")) {
            assertThat(op.path("why").asText()).as(op + " says why").isNotBlank();
            assertThat(op.path("grants")).as(op.path("called").asText() + " grants something").isNotEmpty();
            for (JsonNode grant : op.path("grants")) {
                assertThat(grant.path("action").asText()).matches("Microsoft\\.[A-Za-z]+(/[A-Za-z]+)+/(read|write|delete|action)");
                scopes.add(grant.path("scope").asText());
            }
        }
        Bicep definitions = Bicep.of(Repo.deploy("modules/arm-role-definitions.bicep"));
        String main = Bicep.of(Repo.deploy("main.bicep")).code;
        assertThat(definitions.loadedJsonFiles()).containsExactly(Repo.deploy("rbac/azure-operations.json"));
        assertThat(definitions.code).contains("map(rbac.operations, op => map(op.grants")
                .contains("contains(g.services, service)").contains("actions: spec.actions");
        String kinds = definitions.varBody("scopeKinds").orElseThrow();
        for (String scope : scopes) {
            assertThat(kinds).as("arm-role-definitions.bicep defines a role for scope " + scope).contains("'" + scope + "'");
            assertThat(main).as("main.bicep assigns the " + scope + " roles").contains("r.kind == '" + scope + "'");
        }
    }

    @Test
    void theRolesGrantNothingBeyondTheCalledOperationsAndTheirLinkedChecks() {
        for (JsonNode op : operations().path("operations")) {
            String called = op.path("called").asText();
            for (JsonNode grant : op.path("grants")) {
                String action = grant.path("action").asText();
                boolean linked = grant.hasNonNull("linked");
                boolean polling = called.startsWith("operation") && action.matches("Microsoft\\.[A-Za-z]+/locations/" + called);
                assertThat(action.equalsIgnoreCase(called) || linked || polling)
                        .as(called + " grants " + action + ": the operation itself, a linked check (say which), or operation polling")
                        .isTrue();
            }
        }
    }

    /**
     * Least privilege per service: each service's identity gets the operations of the port methods its code can reach
     * (read from its bytecode), measured per method above. {@code services} of every entry must say exactly that.
     */
    @Test
    void eachServiceIsGrantedExactlyTheOperationsItsCodeCanReach() throws Exception {
        PortCalls scan = new PortCalls(PORTS.stream().map(p -> p.getName().replace('.', '/')).toList(),
                owner -> owner.startsWith("io/avdroll/azure/"));
        Map<String, Set<String>> derived = new TreeMap<>();
        for (String service : Repo.SERVICES) {
            Class<?> anchor = Class.forName(ContainerAppConfigurationTest.ANCHORS.get(service));
            List<String> roots = ContainerAppConfigurationTest.classesBeside(anchor).stream()
                    .map(c -> c.getName().replace('.', '/')).toList();
            Set<String> operations = new TreeSet<>();
            for (String method : scan.reachableFrom(roots, anchor.getClassLoader())) {
                Set<String> measured = operationsByMethod.get(method);
                if (measured == null && !isPublicPortMethod(method)) {
                    continue; // a port class calling its own private parts (lambdas)
                }
                if (measured == null) {
                    assertThat(isDefaultPortMethod(method)).as(service + " calls " + method + ", which this test does not measure")
                            .isTrue();
                    continue;
                }
                operations.addAll(measured);
            }
            // the emulator answers some writes (a VM PATCH) at once where Azure runs a long-running operation: whoever
            // writes to Compute or Network may have to poll
            if (operations.stream().anyMatch(op -> op.matches("Microsoft\\.(Compute|Network)/.*/(write|delete|action)"))) {
                operations.addAll(Set.of("operations/read", "operationResults/read"));
            }
            derived.put(TopologyInTheTemplatesTest.applicationName(service), operations);
        }
        Map<String, Set<String>> declared = new TreeMap<>();
        for (JsonNode op : operations().path("operations")) {
            for (JsonNode service : op.path("services")) {
                declared.computeIfAbsent(service.asText(), s -> new TreeSet<>()).add(op.path("called").asText());
            }
        }
        assertThat(declared).as("'services' of deploy/rbac/azure-operations.json vs. what each service's code reaches")
                .isEqualTo(derived);
    }

    private static boolean isPublicPortMethod(String method) {
        String type = method.substring(0, method.indexOf('.'));
        String name = method.substring(method.indexOf('.') + 1);
        return PORTS.stream().filter(p -> p.getSimpleName().equals(type)).flatMap(p -> Arrays.stream(p.getDeclaredMethods()))
                .anyMatch(m -> m.getName().equals(name) && Modifier.isPublic(m.getModifiers()) && !m.isSynthetic());
    }

    private static boolean isDefaultPortMethod(String method) {
        String type = method.substring(0, method.indexOf('.'));
        String name = method.substring(method.indexOf('.') + 1);
        return PORTS.stream().filter(p -> p.getSimpleName().equals(type)).flatMap(p -> Arrays.stream(p.getDeclaredMethods()))
                .anyMatch(m -> m.getName().equals(name) && m.isDefault());
    }

    private void exerciseDesktopVirtualization(AzureAdapters azure) {
        HostPools pools = azure.hostPools();
        SessionHosts hosts = azure.sessionHosts();
        UserSessions sessions = azure.userSessions();
        Instant now = Instant.now();

        assertThat(pools.get(POOL).name()).isEqualTo("hp-chk");
        done("HostPools.get");
        pools.update(POOL, HostPoolPatch.maxSessionLimit(9));
        done("HostPools.update");
        assertThat(pools.currentRegistrationToken(POOL)).isPresent();
        done("HostPools.currentRegistrationToken");
        RegistrationToken renewed = pools.renewRegistrationToken(POOL, now.plus(Duration.ofHours(3)), now);
        assertThat(renewed.expiresAt()).isAfter(now);
        done("HostPools.renewRegistrationToken");

        List<SessionHostView> listed = hosts.list(POOL);
        assertThat(listed).isNotEmpty();
        done("SessionHosts.list");
        SessionHostView first = listed.get(0);
        assertThat(hosts.get(POOL, first.name()).vmName()).isEqualTo(first.vmName());
        done("SessionHosts.get");
        assertThat(hosts.find(POOL, "no-such-host")).isEmpty();
        done("SessionHosts.find");
        assertThat(hosts.setAllowNewSession(POOL, first.name(), false).allowNewSession()).isFalse();
        done("SessionHosts.setAllowNewSession");

        List<UserSessionView> onHost = sessions.list(POOL, first.name());
        assertThat(onHost).isNotEmpty();
        done("UserSessions.list");
        assertThat(sessions.listByHostPool(POOL)).isNotEmpty();
        done("UserSessions.listByHostPool");
        UserSessionView session = sessions.get(POOL, first.name(), onHost.get(0).id());
        done("UserSessions.get");
        sessions.sendMessage(POOL, first.name(), session.id(), "Maintenance", "This host restarts soon.");
        done("UserSessions.sendMessage");
        sessions.disconnect(POOL, first.name(), session.id());
        done("UserSessions.disconnect");
        sessions.logOff(POOL, first.name(), session.id());
        done("UserSessions.logOff");
    }

    private void exerciseComputeAndNetwork(AzureAdapters azure) {
        VirtualMachines vms = azure.virtualMachines();
        List<SessionHostView> listed = azure.sessionHosts().list(POOL);
        skip();
        SessionHostView standardHost = listed.stream()
                .filter(h -> !vms.get(new VmRef(RG, h.vmName())).hibernationEnabled()).findFirst().orElseThrow();
        VmRef standard = new VmRef(RG, standardHost.vmName());
        done("VirtualMachines.get");
        assertThat(vms.find(new VmRef(RG, "no-such-vm"))).isEmpty();
        done("VirtualMachines.find");
        assertThat(vms.listWithPowerState(RG)).extracting(VirtualMachineView::ref).contains(standard);
        done("VirtualMachines.listWithPowerState");
        VirtualMachineView old = vms.get(standard);
        done("VirtualMachines.get");
        NetworkInterfaceView oldNic = vms.getNetworkInterface(old.primaryNetworkInterfaceId());
        done("VirtualMachines.getNetworkInterface");
        Map<String, String> tags = vms.updateTags(standard, Map.of("avdroll-stage", "drained"), Set.of());
        assertThat(tags).containsEntry("avdroll-stage", "drained");
        assertThat(vms.updateTags(standard, tags, Map.of("avdroll-attempt", "1"), Set.of())).containsEntry("avdroll-attempt", "1");
        done("VirtualMachines.updateTags");

        ImageVersion target = azure.imageGallery().newestVersion(new GalleryImageRef("rg-img", "gal", "win11"), "westeurope")
                .orElseThrow();
        done("ImageGallery.listVersions");

        azure.sessionHosts().delete(POOL, standardHost.name(), true);
        done("SessionHosts.delete");
        vms.delete(standard);
        done("VirtualMachines.delete");
        RegistrationToken token = azure.hostPools().registrationToken(POOL, Instant.now(), Duration.ofHours(1), Duration.ofHours(4));
        skip();
        // what the provisioner does: start the VM's creation, then (once it exists) the agent's install; first, so
        // that the size catalog's read is measured here, where the provisioner reaches it
        VmRef started = new VmRef(RG, "chk-async-new");
        vms.beginCreateVm(new SessionHostVmSpec(started, old.location(), old.size(), HostClass.STANDARD, target.id(), 127,
                null, "chk-async-new-nic", oldNic.subnetId(), null, "avdadmin", null, Map.of(), null, null, null));
        done("VirtualMachines.beginCreateVm");
        awaitVm(vms, started, vm -> "Succeeded".equals(vm.provisioningState()));
        skip();
        vms.beginAgentInstall(new SessionHostVmSpec(started, old.location(), old.size(), HostClass.STANDARD, target.id(),
                127, null, "chk-async-new-nic", oldNic.subnetId(), null, "avdadmin", null, Map.of(), null, null,
                new AvdAgent(POOL.name(), token, null, false)));
        done("VirtualMachines.beginAgentInstall");
        VirtualMachineView startedVm = awaitVm(vms, started, vm -> "Succeeded".equals(vm.agentProvisioningState()));
        skip();
        vms.beginDelete(startedVm);
        done("VirtualMachines.beginDelete");
        awaitGone(vms, started);
        skip();
        skip();
        vms.createSessionHost(new SessionHostVmSpec(standard, old.location(), old.size(), HostClass.STANDARD, target.id(), 127,
                null, oldNic.name(), oldNic.subnetId(), null, "avdadmin", null, Map.of("avdroll-image", target.id()), null, null,
                new AvdAgent(POOL.name(), token, null, false)));
        done("VirtualMachines.createSessionHost");

        VmRef dr = new VmRef(RG, "chk-dr-new");
        vms.createSessionHost(new SessionHostVmSpec(dr, old.location(), "Standard_D4s_v5", HostClass.DR, target.id(), 127, null,
                "chk-dr-new-nic", oldNic.subnetId(), null, "avdadmin", null, Map.of("avdroll-host-class", "dr"), null, null,
                new AvdAgent(POOL.name(), token, null, false)));
        done("VirtualMachines.createSessionHost");
        vms.hibernate(dr);
        done("VirtualMachines.hibernate");
        vms.start(dr);
        done("VirtualMachines.start");
        vms.deallocate(dr);
        done("VirtualMachines.deallocate");
        VirtualMachineView drVm = vms.get(dr);
        skip();
        vms.delete(drVm);
        done("VirtualMachines.delete");

        // what a refused create leaves behind: a NIC without a VM
        new NetworkInterfaceCleanup(azure.connection()).deleteIfPresent(RG, "chk-dr-new-nic");
        done("NetworkInterfaceCleanup.deleteIfPresent");

        // a catalog of its own: the VM adapter's catalog has cached the SKUs while creating the standard host
        assertThat(new ArmVmSizeCatalog(azure.connection()).capabilities("westeurope", "Standard_D4ds_v5")).isPresent();
        done("VmSizeCatalog.capabilities");
    }

    /** Records the operations called since the last mark as {@code method}'s. */
    private void done(String method) {
        exercised.add(method);
        Map<String, Long> now = callsByOperation();
        Set<String> called = new TreeSet<>();
        now.forEach((op, n) -> {
            if (n > before.getOrDefault(op, 0L)) {
                called.add(op);
            }
        });
        operationsByMethod.computeIfAbsent(method, m -> new TreeSet<>()).addAll(called);
        before = now;
    }

    /** Forgets the calls since the last mark (set-up calls that belong to no measured method). */
    private static void awaitGone(VirtualMachines vms, VmRef ref) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (vms.find(ref).isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("VM " + ref + " was not deleted within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static VirtualMachineView awaitVm(VirtualMachines vms, VmRef ref, java.util.function.Predicate<VirtualMachineView> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<VirtualMachineView> vm = vms.find(ref);
            if (vm.isPresent() && ready.test(vm.get())) {
                return vm.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("VM " + ref + " did not get ready within 60 s");
    }

    private void skip() {
        before = callsByOperation();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> callsByOperation() {
        return new TreeMap<>((Map<String, Long>) emulator.counters().snapshot().get("callsByOperation"));
    }

    private static JsonNode operations() {
        return Repo.json(Repo.deploy("rbac/azure-operations.json"));
    }

}
