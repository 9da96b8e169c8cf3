package io.github.adfkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SchedulingClock} for tests whose time moves only when told to. {@link #advance(Duration)} moves time
 * forward and runs, in order and on the calling thread, every task that has become due; {@link #sleep(Duration)}
 * does the same at once, so synchronous code that waits minutes returns immediately.
 *
 * <p>Thread-safe: tasks may be scheduled from any thread.</p>
 */
public final class ManualClock implements SchedulingClock {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    /**
     * A manual clock that starts at {@code start}.
     *
     * @param start the initial instant
     */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "'start' cannot be null.");
    }

    /**
     * A manual clock that starts at 2026-01-01T00:00:00Z.
     */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "'task' cannot be null.");
        Duration wait = delay == null || delay.isNegative() ? Duration.ZERO : delay;
        Task scheduled;
        synchronized (this) {
            scheduled = new Task(now.plus(wait), sequence++, task);
            tasks.add(scheduled);
        }
        return scheduled::cancel;
    }

    /**
     * Moves time forward by {@code duration} and runs every task that becomes due, each at its own instant.
     *
     * @param duration how far to move; not negative
     */
    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }

    /**
     * Moves time forward by {@code duration} and runs every task that becomes due, in order of their due time. A
     * task that schedules another task within the window sees it run too.
     *
     * @param duration how far to move; not negative
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Time cannot move backwards: " + duration + ".");
        }
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                tasks.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            next.runIfNotCancelled();
        }
    }

    /**
     * Runs the tasks that are due now, without moving time.
     */
    public void runDueTasks() {
        advance(Duration.ZERO);
    }

    /**
     * @return how many scheduled tasks have not run yet (cancelled ones excluded)
     */
    public synchronized int pendingTasks() {
        return (int) tasks.stream().filter(task -> !task.cancelled.get()).count();
    }

    private static final class Task implements Comparable<Task> {
        private final Instant due;
        private final long order;
        private final Runnable action;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        private Task(Instant due, long order, Runnable action) {
            this.due = due;
            this.order = order;
            this.action = action;
        }

        private boolean cancel() {
            return cancelled.compareAndSet(false, true);
        }

        private void runIfNotCancelled() {
            if (cancelled.compareAndSet(false, true)) {
                action.run();
            }
        }

        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }
}
