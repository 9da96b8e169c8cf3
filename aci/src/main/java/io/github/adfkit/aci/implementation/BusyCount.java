package io.github.adfkit.aci.implementation;

import io.github.adfkit.core.SchedulingClock;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How many of a watcher's jobs are doing I/O rather than waiting for a timer: a job counts as busy from its start to
 * its end except while it waits ({@link #waitIdle}). {@link #awaitIdle} lets a test that drives a manual clock, or an
 * orderly shutdown, wait until every job waits.
 */
final class BusyCount {
    private int busy;

    /**
     * A job starts doing I/O.
     */
    synchronized void busy() {
        busy++;
    }

    /**
     * A job stops doing I/O (it waits, or it has ended).
     */
    synchronized void idle() {
        busy--;
        if (busy <= 0) {
            notifyAll();
        }
    }

    /**
     * Waits on the clock without holding a thread, the job counting as idle meanwhile. The timer is set before the
     * job counts as idle, so a test that moves the clock once all jobs are idle never misses it.
     *
     * @param clock the clock
     * @param delay how long
     * @return completes once the delay has passed, the job busy again
     */
    Mono<Void> waitIdle(SchedulingClock clock, Duration delay) {
        return Mono.create(sink -> {
            clock.schedule(delay, () -> {
                busy();
                sink.success();
            });
            idle();
        });
    }

    /**
     * @param timeout how long to wait at most
     * @return {@code true} once no job is busy, {@code false} if the timeout passed first
     * @throws InterruptedException if the thread is interrupted
     */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (busy > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
