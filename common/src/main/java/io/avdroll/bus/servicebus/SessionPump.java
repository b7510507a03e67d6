package io.avdroll.bus.servicebus;

import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSessionReceiverClient;
import com.azure.messaging.servicebus.models.DeadLetterOptions;
import io.avdroll.bus.Consumption;
import io.avdroll.bus.SessionEventHandler;
import io.avdroll.bus.SessionState;
import io.avdroll.topology.ReceiveEndpoint;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Consumes a session-enabled endpoint with the SDK's session receiver: each worker accepts the next free
 * session (one host pool), hands its messages to the handler one at a time in order, writes the session
 * state the handler set, settles, and releases the session once it has been idle for the configured time.
 * Messages already received behind the one being handled are announced to the handler, never batched: each is
 * still handled, saved and settled on its own.
 *
 * <p>The SDK's session processor (7.17) gives handlers no access to session state, hence this pump.
 */
final class SessionPump implements Consumption {

    private static final System.Logger LOG = System.getLogger(SessionPump.class.getName());
    private static final Duration ACCEPT_BACKOFF = Duration.ofMillis(500);
    private static final int BATCH = 16;
    private static final Duration FEEDER_CHECK = Duration.ofMillis(200);

    private final ReceiveEndpoint endpoint;
    private final ServiceBusSessionReceiverClient sessions;
    private final SessionEventHandler handler;
    private final Dispatcher dispatcher;
    private final Duration idleTimeout;
    private final ExecutorService workers;
    private final ExecutorService feeders;
    private volatile boolean running = true;

    SessionPump(ReceiveEndpoint endpoint, ServiceBusSessionReceiverClient sessions, SessionEventHandler handler,
                Dispatcher dispatcher, int concurrentSessions, Duration idleTimeout) {
        this.endpoint = endpoint;
        this.sessions = sessions;
        this.handler = handler;
        this.dispatcher = dispatcher;
        this.idleTimeout = idleTimeout;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(concurrentSessions, r -> {
            Thread t = new Thread(r, "session-pump-" + endpoint.entityPath() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger f = new AtomicInteger();
        this.feeders = Executors.newFixedThreadPool(concurrentSessions, r -> {
            Thread t = new Thread(r, "session-feed-" + endpoint.entityPath() + "-" + f.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < concurrentSessions; i++) {
            workers.submit(this::run);
        }
    }

    private void run() {
        while (running) {
            ServiceBusReceiverClient session;
            try {
                session = sessions.acceptNextSession();
            } catch (RuntimeException e) {
                if (running) {
                    // no session available within the try timeout, or a transient fault: look again shortly
                    LOG.log(Level.DEBUG, "no session accepted on {0}: {1}", endpoint, e.getMessage());
                    pause(ACCEPT_BACKOFF);
                }
                continue;
            }
            try (session) {
                drain(session);
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "session " + session.getSessionId() + " on " + endpoint + " lost; releasing it", e);
                }
            }
        }
    }

    /**
     * Hands the session's messages to the handler one at a time, in order. A feeder thread receives them into a
     * small buffer meanwhile, so the handler can be told whether more of the session's messages are already here
     * ({@link SessionState#moreReceived()}) and skip work the next message will redo.
     */
    private void drain(ServiceBusReceiverClient session) {
        BlockingQueue<ServiceBusReceivedMessage> buffer = new ArrayBlockingQueue<>(BATCH);
        BrokerSessionState state = new BrokerSessionState(session, buffer);
        Future<?> feeder = feeders.submit(() -> feed(session, buffer));
        try {
            while (true) {
                ServiceBusReceivedMessage message = buffer.poll(FEEDER_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (message == null) {
                    if (feeder.isDone() && buffer.isEmpty()) {
                        rethrowFailureOf(feeder);
                        return; // idle, or stopping: release the session so another instance (or this one) can take it
                    }
                    continue;
                }
                state.beginMessage();
                dispatcher.dispatch(endpoint, message, settlerFor(session, message), delivery -> {
                    var settlement = handler.handle(delivery, state);
                    state.flush();
                    return settlement;
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            feeder.cancel(true);
        }
    }

    /** Receives the session's messages into the buffer until none came for the idle timeout. */
    private Void feed(ServiceBusReceiverClient session, BlockingQueue<ServiceBusReceivedMessage> buffer)
            throws InterruptedException {
        while (running) {
            boolean any = false;
            for (ServiceBusReceivedMessage message : session.receiveMessages(BATCH, idleTimeout)) {
                any = true;
                buffer.put(message);
            }
            if (!any) {
                break;
            }
        }
        return null;
    }

    private static void rethrowFailureOf(Future<?> feeder) throws InterruptedException {
        try {
            feeder.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("receiving the session's messages failed", e.getCause());
        } catch (CancellationException e) {
            // cancelled on the way out: nothing to report
        }
    }

    private static Settler settlerFor(ServiceBusReceiverClient session, ServiceBusReceivedMessage message) {
        return new Settler() {
            @Override
            public void complete() {
                session.complete(message);
            }

            @Override
            public void abandon() {
                session.abandon(message);
            }

            @Override
            public void deadLetter(DeadLetterOptions options) {
                session.deadLetter(message, options);
            }
        };
    }

    @Override
    public boolean running() {
        return running && !workers.isTerminated();
    }

    @Override
    public void close() {
        running = false;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(idleTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        feeders.shutdownNow();
        sessions.close();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The session's state, read from the broker once per accepted session (nobody else can hold the
     * session meanwhile) and written back when a handler set it.
     */
    private static final class BrokerSessionState implements SessionState {
        private final ServiceBusReceiverClient session;
        private byte[] cached;
        private boolean loaded;
        private byte[] pending;
        private boolean dirty;
        private final BlockingQueue<ServiceBusReceivedMessage> buffer;

        BrokerSessionState(ServiceBusReceiverClient session, BlockingQueue<ServiceBusReceivedMessage> buffer) {
            this.session = session;
            this.buffer = buffer;
        }

        void beginMessage() {
            pending = null;
            dirty = false;
        }

        void flush() {
            if (dirty) {
                session.setSessionState(pending);
                cached = pending;
                loaded = true;
                dirty = false;
            }
        }

        @Override
        public String sessionId() {
            return session.getSessionId();
        }

        @Override
        public boolean moreReceived() {
            return !buffer.isEmpty();
        }

        @Override
        public Optional<byte[]> get() {
            if (dirty) {
                return Optional.ofNullable(pending).filter(b -> b.length > 0).map(byte[]::clone);
            }
            if (!loaded) {
                cached = session.getSessionState();
                loaded = true;
            }
            return Optional.ofNullable(cached).filter(b -> b.length > 0).map(byte[]::clone);
        }

        @Override
        public void set(byte[] state) {
            pending = state == null ? new byte[0] : state.clone();
            dirty = true;
        }
    }
}
