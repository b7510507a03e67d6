package io.avdroll.bus.servicebus;

import reactor.core.scheduler.Schedulers;

/**
 * Room in Reactor's shared bounded-elastic pool for message handlers that block on Azure SDK calls.
 * <p>
 * The Service Bus processor runs each handler on a bounded-elastic worker, and the SDK's synchronous ARM methods block
 * on an asynchronous call whose response body is decoded on that same pool (azure-core's {@code AsyncRestProxy}
 * publishes on it). Once the pool is at its cap (by default 10 threads per core: 10 in a one-vCPU container) Reactor
 * queues new tasks on busy workers, and a decode queued on the very worker that is blocked waiting for it never runs:
 * the handler hangs for good and its host with it. Measured: 16 handlers per service on 2 cores (cap 20) left hosts
 * stuck in two runs out of two. So the pool must never fill: a worker per handler, one per pending decode (a handler's
 * or a session pump's), and headroom for the SDK's own tasks.
 */
public final class HandlerThreads {

    public static final String POOL_SIZE_PROPERTY = "reactor.schedulers.defaultBoundedElasticSize";
    static final int HEADROOM = 8;
    /** Threads are made on demand and dropped after 60 s idle, so a generous cap costs nothing until it is used. */
    static final int FLOOR = 64;

    private HandlerThreads() {
    }

    static int needed(ServiceBusSettings settings) {
        return 2 * settings.maxConcurrentCalls() + settings.maxConcurrentSessions() + HEADROOM;
    }

    /**
     * Raises the pool's cap before Reactor first reads it, unless the operator set it; fails, naming the settings, when
     * the cap in force cannot hold the configured concurrency. Returns the cap in force.
     */
    static int ensureRoom(ServiceBusSettings settings) {
        int needed = needed(settings);
        if (System.getProperty(POOL_SIZE_PROPERTY) == null) {
            System.setProperty(POOL_SIZE_PROPERTY, Integer.toString(Math.max(needed, FLOOR)));
        }
        check(needed, Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, settings);
        return Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE;
    }

    static void check(int needed, int poolSize, ServiceBusSettings settings) {
        if (poolSize < needed) {
            throw new IllegalStateException(ServiceBusSettings.MAX_CONCURRENT_CALLS + "=" + settings.maxConcurrentCalls()
                    + " and " + ServiceBusSettings.MAX_CONCURRENT_SESSIONS + "=" + settings.maxConcurrentSessions()
                    + " need Reactor's bounded-elastic pool to hold at least " + needed
                    + " threads (2 x calls + sessions + " + HEADROOM + "), but it holds " + poolSize
                    + ": set -D" + POOL_SIZE_PROPERTY + "=" + needed + " or lower the concurrency"
                    + " (a full pool can leave a handler blocked for good on an Azure call)");
        }
    }
}
