package io.github.adfkit.core;

import io.github.adfkit.core.implementation.SystemSchedulingClock;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The time source every adfkit wait goes through: the current instant, a way to run a task later without holding a
 * thread while waiting, and a blocking sleep for synchronous callers.
 *
 * <p>Production code uses {@link #system()}, backed by one small shared scheduler. Tests use {@link ManualClock},
 * whose time moves only when the test says so, so a wait of hours is tested in milliseconds.</p>
 */
public interface SchedulingClock {
    /**
     * @return the current instant
     */
    Instant now();

    /**
     * Runs {@code task} once, after {@code delay}. The wait holds no thread.
     *
     * @param delay how long to wait; zero or negative runs the task as soon as possible
     * @param task what to run
     * @return a handle that cancels the task if it has not run yet
     */
    Cancellable schedule(Duration delay, Runnable task);

    /**
     * Blocks the calling thread for {@code duration}. Only synchronous APIs use this.
     *
     * @param duration how long to block
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * The wall clock, scheduling on adfkit's shared daemon scheduler (two threads for the whole process).
     *
     * @return the system clock
     */
    static SchedulingClock system() {
        return SystemSchedulingClock.shared();
    }

    /**
     * The wall clock, scheduling on the given executor. The caller owns the executor and shuts it down.
     *
     * @param executor where scheduled tasks run
     * @return the system clock on that executor
     */
    static SchedulingClock system(ScheduledExecutorService executor) {
        return new SystemSchedulingClock(executor);
    }

    /**
     * A scheduled task that has not run yet can be cancelled.
     */
    @FunctionalInterface
    interface Cancellable {
        /**
         * Cancels the task if it has not started.
         *
         * @return {@code true} if this call prevented the task from running
         */
        boolean cancel();
    }
}
