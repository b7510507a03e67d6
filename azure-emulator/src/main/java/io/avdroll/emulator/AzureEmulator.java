package io.avdroll.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avdroll.emulator.admin.AdminRoutes;
import io.avdroll.emulator.admin.AuditLog;
import io.avdroll.emulator.admin.Counters;
import io.avdroll.emulator.arm.ArmRouter;
import io.avdroll.emulator.arm.ArmServer;
import io.avdroll.emulator.arm.Json;
import io.avdroll.emulator.arm.LongRunningOperations;
import io.avdroll.emulator.avd.DesktopSimulation;
import io.avdroll.emulator.avd.DesktopVirtualizationRoutes;
import io.avdroll.emulator.avd.HostPools;
import io.avdroll.emulator.compute.ComputeRoutes;
import io.avdroll.emulator.compute.ResourceSkuRoutes;
import io.avdroll.emulator.compute.VirtualMachineService;
import io.avdroll.emulator.fault.Faults;
import io.avdroll.emulator.fault.SubscriptionThrottle;
import io.avdroll.emulator.gallery.GalleryRoutes;
import io.avdroll.emulator.network.NetworkRoutes;
import io.avdroll.emulator.resources.ResourceManagerRoutes;
import io.avdroll.emulator.seed.Seed;
import io.avdroll.emulator.seed.Seeder;
import io.avdroll.emulator.servicebus.ServiceBusEmulator;
import io.avdroll.emulator.sim.SimScheduler;
import io.avdroll.emulator.sim.VertxSimScheduler;
import io.avdroll.emulator.state.EmulatorState;
import io.avdroll.emulator.tls.SelfSignedTls;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The local Azure stand-in: an HTTPS endpoint playing Azure Resource Manager (compute, network, gallery,
 * desktop virtualization) over a simulated world of session hosts and users, plus, when
 * {@link EmulatorOptions#serviceBusPort(int)} is not -1, the Service Bus AMQP endpoint. Embedded: {@link #start(EmulatorOptions)} and {@link #close()}. Standalone: {@link #main}.
 */
public final class AzureEmulator implements AutoCloseable {
    private final EmulatorOptions options;
    private final Vertx vertx;
    private final HttpServer server;
    private final SelfSignedTls tls;
    private final EmulatorState state;
    private final Seeder seeder;
    private final AdminRoutes admin;
    private final VirtualMachineService vms;
    private final ServiceBusEmulator serviceBus;

    private AzureEmulator(EmulatorOptions options) {
        this.options = options;
        this.vertx = Vertx.vertx();
        try {
            this.tls = SelfSignedTls.generate(options.host, options.trustStorePath, options.trustStorePassword);
            SimScheduler scheduler = options.scheduler != null ? options.scheduler : new VertxSimScheduler(vertx, options.clock, options.speed);
            this.state = new EmulatorState(options, scheduler, options.clock);
            LongRunningOperations lro = new LongRunningOperations(state);
            this.vms = new VirtualMachineService(state, lro);
            HostPools pools = new HostPools(state);
            DesktopSimulation simulation = new DesktopSimulation(state, pools);
            vms.listener(simulation);
            NetworkRoutes network = new NetworkRoutes(state);
            this.seeder = new Seeder(state, vms, pools, simulation, network);
            this.admin = new AdminRoutes(state, pools, simulation, vms, seeder, this::info);

            ArmRouter router = new ArmRouter();
            new ResourceManagerRoutes(state, lro).register(router);
            new ComputeRoutes(state, vms, lro).register(router);
            new ResourceSkuRoutes().register(router);
            network.register(router);
            new GalleryRoutes(state).register(router);
            new DesktopVirtualizationRoutes(state, pools, simulation).register(router);
            ArmServer arm = new ArmServer(state, router, admin::handle);

            HttpServerOptions http = new HttpServerOptions().setSsl(true).setHost(options.host).setPort(options.armPort)
                    .setKeyCertOptions(new PfxOptions().setValue(Buffer.buffer(tls.serverKeyStore())).setPassword(tls.password()));
            this.server = vertx.createHttpServer(http).requestHandler(arm::handle)
                    .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (options.seed != null) {
                seed(options.seed);
            }
            this.serviceBus = options.serviceBusPort < 0 ? null : serviceBus(options);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("azure emulator failed to start: " + e.getMessage(), e);
        }
    }

    private ServiceBusEmulator serviceBus(EmulatorOptions options) {
        ServiceBusEmulator.Builder builder = ServiceBusEmulator.builder().port(options.serviceBusPort).host(options.host)
                .clock(options.clock).onSend(this::busMessageSent);
        if (options.lockDuration != null) {
            builder.lockDuration(options.lockDuration);
        }
        return builder.start();
    }

    /** Starts an emulator; a seed's {@code settings} (speed, timings...) are applied to {@code options} first. */
    public static AzureEmulator start(EmulatorOptions options) {
        if (options.seed != null && options.seed.settings != null) {
            applySettings(options, options.seed.settings);
        }
        return new AzureEmulator(options);
    }

    static void applySettings(EmulatorOptions options, Seed.Settings s) {
        if (s.speed != null) {
            options.speed(s.speed);
        }
        if (s.retryAfterSeconds != null) {
            options.retryAfterSeconds(s.retryAfterSeconds);
        }
        if (s.randomSeed != null) {
            options.randomSeed(s.randomSeed);
        }
        if (s.avdPageSize != null) {
            options.avdPageSize(s.avdPageSize);
        }
        EmulatorOptions.Timings t = options.timings();
        s.timingsSeconds.forEach((name, seconds) -> {
            if (seconds == null || seconds < 0) {
                throw new IllegalArgumentException("seed settings.timingsSeconds." + name + " must be >= 0");
            }
            Duration d = Duration.ofMillis((long) (seconds * 1000));
            switch (name) {
                case "vmCreate" -> t.vmCreate = d;
                case "vmDelete" -> t.vmDelete = d;
                case "vmStart" -> t.vmStart = d;
                case "vmDeallocate" -> t.vmDeallocate = d;
                case "vmHibernate" -> t.vmHibernate = d;
                case "vmPowerOff" -> t.vmPowerOff = d;
                case "extension" -> t.extension = d;
                case "registration" -> t.registration = d;
                case "becomeAvailable" -> t.becomeAvailable = d;
                default -> throw new IllegalArgumentException("seed settings.timingsSeconds: unknown step '" + name
                        + "' (known: vmCreate, vmDelete, vmStart, vmDeallocate, vmHibernate, vmPowerOff, extension, registration, becomeAvailable)");
            }
        });
    }

    /** Base URL of the ARM endpoint, with trailing slash, e.g. {@code https://localhost:8443/}. */
    public String armEndpoint() {
        return "https://" + (options.host.contains(":") ? "[" + options.host + "]" : options.host) + ":" + server.actualPort() + "/";
    }

    public int armPort() {
        return server.actualPort();
    }

    public Path trustStorePath() {
        return tls.trustStorePath();
    }

    public String trustStorePassword() {
        return tls.password();
    }

    public Path certificatePemPath() {
        return tls.pemPath();
    }

    /** An SSLContext trusting the emulator's certificate, for in-process clients. */
    public SSLContext sslContext() {
        return tls.sslContext();
    }

    /** Service Bus connection string, or null when the Service Bus endpoint is not running. */
    public String serviceBusConnectionString() {
        return serviceBus == null ? null : serviceBus.connectionString();
    }

    /** The Service Bus endpoint (dead-letter queues, entity counts), or null when it is not running. */
    public ServiceBusEmulator serviceBus() {
        return serviceBus;
    }

    public void seed(Seed seed) {
        synchronized (state) {
            seeder.apply(seed);
        }
    }

    public Faults faults() {
        return state.faults;
    }

    public SubscriptionThrottle throttling() {
        return state.throttle;
    }

    public AuditLog audit() {
        return state.audit;
    }

    public Counters counters() {
        return state.counters;
    }

    /** Pools, hosts, sessions, power and image as the admin API shows them. */
    public ObjectNode snapshot() {
        synchronized (state) {
            return admin.snapshot();
        }
    }

    /** A VM vanishes at once, as if someone deleted it in the portal. */
    public void deleteVmBehindTheBack(String vmId) {
        synchronized (state) {
            vms.removeNow(vms.require(vmId), true, "admin");
        }
    }

    /** Runs {@code action} against the raw state under its lock (tests and tools only). */
    public <T> T inspect(java.util.function.Function<EmulatorState, T> action) {
        synchronized (state) {
            return action.apply(state);
        }
    }

    private void busMessageSent(io.avdroll.emulator.servicebus.SentMessage m) {
        if (options.auditTraffic) {
            state.audit.record(m.time(), "BusMessageSent", "bus", m.entityPath(), "messageId", String.valueOf(m.messageId()),
                    "subject", String.valueOf(m.subject()), "scheduledFor", m.scheduledFor() == null ? "" : m.scheduledFor().toString(),
                    "duplicate", m.duplicate());
        }
        options.busListener.accept(m);
    }

    ObjectNode info() {
        ObjectNode info = Json.object();
        info.put("armEndpoint", armEndpoint());
        info.put("adminEndpoint", armEndpoint() + "_emulator/");
        info.put("trustStorePath", tls.trustStorePath().toString());
        info.put("trustStorePassword", tls.password());
        info.put("trustStoreType", "PKCS12");
        info.put("certificatePemPath", tls.pemPath().toString());
        info.put("speed", options.speed);
        info.set("subscriptions", Json.MAPPER.valueToTree(state.subscriptions()));
        info.put("serviceBusConnectionString", serviceBusConnectionString());
        return info;
    }

    @Override
    public void close() {
        if (serviceBus != null) {
            serviceBus.stop();
        }
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down anyway
        }
        if (options.trustStorePath == null) {
            tls.deleteFiles();
        }
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        EmulatorOptions options;
        try {
            options = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("azure-emulator: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(2);
            return;
        }
        AzureEmulator emulator = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "azure-emulator-shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("Azure emulator started in " + millis + " ms");
        System.out.println("  ARM endpoint:        " + emulator.armEndpoint());
        System.out.println("  admin API:           " + emulator.armEndpoint() + "_emulator/info");
        System.out.println("  trust store:         " + emulator.trustStorePath() + " (PKCS12, password " + emulator.trustStorePassword() + ")");
        System.out.println("  certificate (PEM):   " + emulator.certificatePemPath());
        System.out.println("  Service Bus:         " + (emulator.serviceBusConnectionString() == null
                ? "(off: --sb-port -1)" : emulator.serviceBusConnectionString()));
        System.out.println("  speed factor:        " + options.speed);
        System.out.println("  JVM flags for services: -Djavax.net.ssl.trustStore=" + emulator.trustStorePath()
                + " -Djavax.net.ssl.trustStorePassword=" + emulator.trustStorePassword() + " -Djavax.net.ssl.trustStoreType=PKCS12");
        System.out.println("READY");
        Thread.currentThread().join();
    }
}
