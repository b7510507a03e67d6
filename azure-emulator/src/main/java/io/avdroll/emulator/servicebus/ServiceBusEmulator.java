package io.avdroll.emulator.servicebus;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A local stand-in for an Azure Service Bus namespace, spoken to over AMQP 1.0 by the real
 * {@code azure-messaging-servicebus} SDK with a connection string carrying {@code UseDevelopmentEmulator=true}.
 *
 * <pre>{@code
 * try (ServiceBusEmulator bus = ServiceBusEmulator.builder().port(0).start()) {
 *     new ServiceBusClientBuilder().connectionString(bus.connectionString()) ...
 * }
 * }</pre>
 *
 * All broker state lives on one Vert.x event-loop thread; the inspection methods hop onto it.
 */
public final class ServiceBusEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceBusEmulator.class);
    public static final String DEFAULT_KEY_NAME = "RootManageSharedAccessKey";

    private final Vertx vertx;
    private final Context context;
    private final Broker broker;
    private final NetServer server;
    private final String host;
    private final String keyName;
    private final String key;

    private ServiceBusEmulator(Vertx vertx, Context context, Broker broker, NetServer server, String host,
                               String keyName, String key) {
        this.vertx = vertx;
        this.context = context;
        this.broker = broker;
        this.server = server;
        this.host = host;
        this.keyName = keyName;
        this.key = key;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The project's topology on a free port with a fresh random key. */
    public static ServiceBusEmulator start() {
        return builder().start();
    }

    public int port() {
        return server.actualPort();
    }

    /** The namespace host the SAS tokens must be issued for (the SDK uses the endpoint's host). */
    public String host() {
        return host;
    }

    public String sharedAccessKeyName() {
        return keyName;
    }

    /**
     * {@code Endpoint=sb://HOST:PORT;SharedAccessKeyName=NAME;SharedAccessKey=KEY;UseDevelopmentEmulator=true}.
     * It carries the key: hand it to clients, never to logs.
     */
    public String connectionString() {
        return "Endpoint=sb://" + host + ":" + port() + ";SharedAccessKeyName=" + keyName + ";SharedAccessKey="
                + key + ";UseDevelopmentEmulator=true";
    }

    /** ActiveMessages / ScheduledMessages / DeadletteredMessages of a queue, topic or subscription path. */
    public EntityCounts counts(String entityPath) {
        return onBroker(() -> broker.counts(entityPath));
    }

    /** The messages in the dead-letter sub-queue of a queue or subscription ({@code topic/subscriptions/name}). */
    public List<DeadLetteredMessage> deadLetteredMessages(String entityPath) {
        return onBroker(() -> broker.deadLettered(entityPath));
    }

    /** Paths of all queues, topics and subscriptions served. */
    public List<String> entityPaths() {
        return onBroker(broker::entityPaths);
    }

    public void stop() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Service Bus emulator did not stop cleanly: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }

    private <T> T onBroker(Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading emulator state", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("emulator did not answer within 10 s", e);
        }
    }

    /** Options for {@link ServiceBusEmulator}; everything has a default. */
    public static final class Builder {
        private int port;
        private String bindAddress = "127.0.0.1";
        private String host = "localhost";
        private Topology topology;
        private Duration lockDuration;
        private String keyName = DEFAULT_KEY_NAME;
        private String key;
        private Clock clock = Clock.systemUTC();
        private java.util.function.Consumer<SentMessage> sendListener = m -> { };

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /** The host name put in the connection string and expected in token audiences; default localhost. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Default: the project's {@code topology.json} from the classpath. */
        public Builder topology(Topology topology) {
            this.topology = Objects.requireNonNull(topology, "topology");
            return this;
        }

        /** Overrides the lock duration of every queue and subscription (see {@link Topology#withLockDuration}). */
        public Builder lockDuration(Duration lockDuration) {
            if (lockDuration == null || lockDuration.isNegative() || lockDuration.isZero()) {
                throw new IllegalArgumentException("lockDuration must be positive, was " + lockDuration);
            }
            this.lockDuration = lockDuration;
            return this;
        }

        public Builder sharedAccessKeyName(String keyName) {
            this.keyName = Objects.requireNonNull(keyName, "sharedAccessKeyName");
            return this;
        }

        /** Default: a random key made at start. */
        public Builder sharedAccessKey(String key) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("sharedAccessKey must not be blank");
            }
            this.key = key;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Told of every message accepted for a queue or topic, on the broker's thread: keep it short. */
        public Builder onSend(java.util.function.Consumer<SentMessage> listener) {
            this.sendListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public ServiceBusEmulator start() {
            Topology entities = topology != null ? topology : Topology.fromClasspath();
            if (lockDuration != null) {
                entities = entities.withLockDuration(lockDuration);
            }
            String sasKey = key != null ? key : randomKey();
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                    .setInternalBlockingPoolSize(1));
            BrokerVerticle verticle = new BrokerVerticle(entities, clock, host, keyName, sasKey, bindAddress, port);
            verticle.sendListener = sendListener;
            try {
                vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                vertx.close();
                throw new IllegalStateException("interrupted while starting the Service Bus emulator", e);
            } catch (ExecutionException | TimeoutException e) {
                vertx.close();
                throw new IllegalStateException("Service Bus emulator failed to listen on " + bindAddress + ":"
                        + port + ": " + (e.getCause() != null ? e.getCause().getMessage() : e), e);
            }
            ServiceBusEmulator emulator = new ServiceBusEmulator(vertx, verticle.context(), verticle.broker,
                    verticle.server, host, keyName, sasKey);
            LOG.info("Service Bus emulator listening on {}:{} with entities {}", bindAddress, emulator.port(),
                    emulator.entityPaths());
            return emulator;
        }

        private static String randomKey() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

    /** Owns the broker's single context: the server, the connections and the timers all run on it. */
    private static final class BrokerVerticle extends AbstractVerticle {
        private final Topology topology;
        private final Clock clock;
        private final String host;
        private final String keyName;
        private final String key;
        private final String bindAddress;
        private final int port;
        Broker broker;
        NetServer server;
        java.util.function.Consumer<SentMessage> sendListener = m -> { };

        BrokerVerticle(Topology topology, Clock clock, String host, String keyName, String key, String bindAddress,
                       int port) {
            this.topology = topology;
            this.clock = clock;
            this.host = host;
            this.keyName = keyName;
            this.key = key;
            this.bindAddress = bindAddress;
            this.port = port;
        }

        Context context() {
            return context;
        }

        @Override
        public void start(Promise<Void> started) {
            Timers timers = new Timers() {
                @Override
                public long schedule(Duration delay, Runnable task) {
                    return vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run());
                }

                @Override
                public void cancel(long timerId) {
                    vertx.cancelTimer(timerId);
                }
            };
            broker = new Broker(topology, clock, timers);
            broker.onSend(sendListener);
            CbsNode cbs = new CbsNode(new SasTokenValidator(host, keyName, key, clock));
            ManagementNode management = new ManagementNode(broker);
            server = vertx.createNetServer(new NetServerOptions().setHost(bindAddress).setPort(port)
                    .setTcpNoDelay(true));
            server.connectHandler(socket -> new AmqpConnection(vertx, socket, broker, cbs, management));
            server.listen().onComplete(r -> {
                if (r.succeeded()) {
                    started.complete();
                } else {
                    started.fail(r.cause());
                }
            });
        }
    }
}
