package io.github.adfkit.core.implementation;

import io.github.adfkit.core.SchedulingClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The wall clock, scheduling on a {@link ScheduledExecutorService}.
 */
public final class SystemSchedulingClock implements SchedulingClock {
    private static final int SHARED_THREADS = 2;

    private final ScheduledExecutorService executor;

    /**
     * @param executor where scheduled tasks run
     */
    public SystemSchedulingClock(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "'executor' cannot be null.");
    }

    /**
     * @return the process-wide clock on adfkit's shared daemon scheduler
     */
    public static SchedulingClock shared() {
        return Holder.SHARED;
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        long nanos = delay == null || delay.isNegative() ? 0 : delay.toNanos();
        ScheduledFuture<?> future = executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        }
    }

    private static final class Holder {
        private static final SchedulingClock SHARED = new SystemSchedulingClock(
            Executors.newScheduledThreadPool(SHARED_THREADS, new DaemonThreads("adfkit-scheduler-")));
    }

    /**
     * Names adfkit's threads and makes them daemons, so they never keep a host process alive.
     */
    public static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger counter = new AtomicInteger();

        /**
         * @param prefix the thread name prefix
         */
        public DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
