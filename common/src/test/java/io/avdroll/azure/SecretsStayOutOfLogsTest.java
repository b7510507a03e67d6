package io.avdroll.azure;

import io.avdroll.azure.compute.ArmVirtualMachines;
import io.avdroll.azure.compute.AvdAgent;
import io.avdroll.azure.compute.EphemeralPlacement;
import io.avdroll.azure.compute.HostClass;
import io.avdroll.azure.compute.SessionHostVmSpec;
import io.avdroll.azure.compute.VirtualMachines;
import io.avdroll.azure.compute.VmRef;
import io.avdroll.azure.desktop.HostPoolRef;
import io.avdroll.azure.desktop.HostPools;
import io.avdroll.azure.desktop.RegistrationToken;
import io.avdroll.azure.desktop.RestHostPools;
import io.avdroll.azure.failure.AzureFailure;
import io.avdroll.azure.support.CapturedOutput;
import io.avdroll.azure.support.EmulatedAzure;
import io.avdroll.emulator.fault.FaultRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A registration token is a secret: it must reach Azure only inside the AVD agent extension's protected settings
 * and never a log line or an exception. Everything azure-core and the adapters log (HTTP logging at HEADERS,
 * the most the config allows) is captured while a token is retrieved and hosts are created, one successfully
 * and one failing, and searched for the token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretsStayOutOfLogsTest {

    private static final String SUB = EmulatedAzure.SUBSCRIPTION;
    private static final String IMAGE = "/subscriptions/" + SUB + "/resourceGroups/rg-img/providers/Microsoft.Compute/galleries/gal/images/win11/versions/1.0.0";
    private static final String SUBNET = "/subscriptions/" + SUB + "/resourceGroups/rg-avd/providers/Microsoft.Network/virtualNetworks/hp-sec-vnet/subnets/default";
    private static final String SEED = """
        {"subscriptions": ["%s"],
         "galleries": [{"subscription": "%s", "resourceGroup": "rg-img", "name": "gal", "location": "westeurope",
           "images": [{"name": "win11", "versions": [{"name": "1.0.0"}]}]}],
         "hostPools": [{"subscription": "%s", "resourceGroup": "rg-avd", "name": "hp-sec", "location": "westeurope",
           "image": "gal/win11/1.0.0", "standardHosts": {"count": 1}}],
         "faults": [{"kind": "vmCreateFailure", "vmNamePattern": "sec-fail-.*", "code": "AllocationFailed"}]}
        """.formatted(SUB, SUB, SUB);

    private EmulatedAzure azure;

    @BeforeAll
    void start() {
        azure = EmulatedAzure.start(SEED, Duration.ofMillis(200), o -> { });
    }

    @AfterAll
    void stop() {
        azure.close();
    }

    @Test
    void theRegistrationTokenAppearsInNoLogLineAndNoExceptionDuringRetrievalAndHostCreation() {
        HostPools hostPools = new RestHostPools(azure.connection());
        VirtualMachines vms = new ArmVirtualMachines(azure.connection(), (location, size) -> Optional.empty());
        HostPoolRef pool = new HostPoolRef("rg-avd", "hp-sec");
        List<Throwable> failures = new ArrayList<>();
        String logs;
        RegistrationToken token;
        try (CapturedOutput output = new CapturedOutput()) {
            token = hostPools.renewRegistrationToken(pool, Instant.now().plus(Duration.ofHours(3)), Instant.now());
            hostPools.currentRegistrationToken(pool);
            hostPools.get(pool);
            vms.createSessionHost(spec("sec-ok-01", token));
            try {
                vms.createSessionHost(spec("sec-fail-01", token));
            } catch (AzureFailure expected) {
                failures.add(expected);
            }
            logs = output.text();
        }

        assertThat(token.value()).as("a real, long token was issued").hasSizeGreaterThan(40);
        assertThat(logs).as("the capture saw the HTTP logging and the adapter's own lines")
            .contains("retrieveRegistrationToken").contains("HTTP request").contains("creating STANDARD session host rg-avd/sec-ok-01");
        assertThat(logs).doesNotContain(token.value());
        assertThat(failures).hasSize(1);
        for (Throwable failure : failures) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("AllocationFailed").doesNotContain(token.value());
        }
        assertThat(token.toString()).doesNotContain(token.value());
    }

    private static SessionHostVmSpec spec(String name, RegistrationToken token) {
        return new SessionHostVmSpec(new VmRef("rg-avd", name), "westeurope", "Standard_D4ds_v5", HostClass.STANDARD,
            IMAGE, 127, EphemeralPlacement.RESOURCE_DISK, name + "-nic", SUBNET, null, "avdadmin", null, Map.of(), null,
            null, new AvdAgent("hp-sec", token, null, false));
    }
}
