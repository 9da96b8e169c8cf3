package io.github.adfkit.core.implementation;

import com.azure.core.util.logging.ClientLogger;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how many polls of a watcher are in flight at once. A poll that is due when every slot is taken waits in a
 * queue, not on a thread, and is sent as soon as a slot frees; so ten thousand operations that come due together do
 * not overflow the HTTP client's connection pool.
 */
public final class PollGate {
    private static final ClientLogger LOGGER = new ClientLogger(PollGate.class);

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger draining = new AtomicInteger();

    /**
     * @param limit the most polls in flight at once; at least 1
     */
    public PollGate(int limit) {
        this.limit = limit;
    }

    /**
     * Runs {@code send} now if a slot is free, otherwise as soon as one frees. {@code send} must call
     * {@link #release()} exactly once when its poll is over, however it ends.
     *
     * @param send starts one poll without blocking
     */
    public void submit(Runnable send) {
        waiting.add(send);
        drain();
    }

    /**
     * Frees the slot of a poll that is over and starts the next waiting one.
     */
    public void release() {
        inFlight.decrementAndGet();
        drain();
    }

    /**
     * Starts waiting polls while slots are free. One thread drains at a time; a release that happens meanwhile (even
     * inside a send, on the same thread) makes that thread go round once more instead of recursing.
     */
    private void drain() {
        if (draining.getAndIncrement() != 0) {
            return;
        }
        do {
            while (inFlight.get() < limit) {
                Runnable next = waiting.poll();
                if (next == null) {
                    break;
                }
                inFlight.incrementAndGet();
                try {
                    next.run();
                } catch (RuntimeException sendFailed) {
                    inFlight.decrementAndGet();
                    LOGGER.atWarning().log("A poll could not be sent; its slot is freed.", sendFailed);
                }
            }
        } while (draining.decrementAndGet() != 0);
    }
}
