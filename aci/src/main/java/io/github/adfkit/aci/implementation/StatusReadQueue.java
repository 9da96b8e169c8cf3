package io.github.adfkit.aci.implementation;

import io.github.adfkit.core.SchedulingClock;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The status reads waiting to be sent for one subscription, from every job of every client in this process that
 * watches it: each read goes at its due time if the {@link ArmReadBudget} allows, otherwise the due reads go as
 * tokens come back, the most likely finished jobs first ({@link Urgency}), and a read that has waited past its
 * ceiling before all others. One timer for the whole queue; waiting holds no thread.
 */
public final class StatusReadQueue {
    private static final Map<Key, WeakReference<StatusReadQueue>> SHARED = new ConcurrentHashMap<>();

    private final ArmReadBudget budget;
    private final SchedulingClock clock;
    private final List<Read> waiting = new ArrayList<>();
    private SchedulingClock.Cancellable timer;
    private Instant timerAt;

    /**
     * How likely a job is to have finished when its read falls due; the budget goes to the lower ones first.
     */
    enum Urgency {
        /** Waited past its ceiling: read before any other. */
        OVERDUE,
        /** At or past its expected end. */
        LIKELY,
        /** Nothing known about its end. */
        UNKNOWN,
        /** Well before its expected end. */
        UNLIKELY
    }

    /**
     * @param budget the reads this queue may spend
     */
    public StatusReadQueue(ArmReadBudget budget) {
        this.budget = budget;
        this.clock = budget.clock();
    }

    /**
     * The queue every client of this process on the same clock, ARM endpoint and subscription shares, so that all
     * of them together stay within one budget. The first client's {@code readsPerSecond} sets it.
     *
     * @param clock the clock
     * @param endpoint the ARM endpoint
     * @param subscriptionId the subscription
     * @param readsPerSecond the reads per second the budget spends, if it is created now
     * @return the shared queue
     */
    public static StatusReadQueue shared(SchedulingClock clock, String endpoint, String subscriptionId,
        int readsPerSecond) {
        Key key = new Key(clock, endpoint.toLowerCase(Locale.ROOT), subscriptionId.toLowerCase(Locale.ROOT));
        SHARED.values().removeIf(reference -> reference.get() == null);
        StatusReadQueue[] found = new StatusReadQueue[1];
        SHARED.compute(key, (ignored, reference) -> {
            found[0] = reference == null ? null : reference.get();
            if (found[0] == null) {
                found[0] = new StatusReadQueue(new ArmReadBudget(clock, readsPerSecond));
                return new WeakReference<>(found[0]);
            }
            return reference;
        });
        return found[0];
    }

    /**
     * @return the budget this queue spends
     */
    public ArmReadBudget budget() {
        return budget;
    }

    /**
     * Queues a read.
     *
     * @param delay how long from now the read falls due at the earliest
     * @param urgency how likely the job is to have finished by then
     * @param ceiling how long from now the read may wait at most before it goes ahead of all others
     * @param read what to run when the read may go
     * @return cancels the read if it has not gone yet
     */
    SchedulingClock.Cancellable submit(Duration delay, Urgency urgency, Duration ceiling, Runnable read) {
        Instant now = clock.now();
        Read entry = new Read(now.plus(delay), urgency, now.plus(ceiling.compareTo(delay) > 0 ? ceiling : delay),
            read);
        synchronized (this) {
            waiting.add(entry);
            wakeAt(entry.due);
        }
        return () -> entry.taken.compareAndSet(false, true);
    }

    private void dispatch() {
        List<Read> going = new ArrayList<>();
        synchronized (this) {
            timer = null;
            timerAt = null;
            Instant now = clock.now();
            waiting.removeIf(entry -> entry.taken.get());
            List<Read> due = waiting.stream().filter(entry -> !entry.due.isAfter(now))
                .sorted(Comparator.comparing((Read entry) -> entry.urgencyAt(now)).thenComparing(entry -> entry.due))
                .toList();
            int sent = 0;
            for (Read entry : due) {
                if (!budget.tryTake(now)) {
                    break;
                }
                sent++;
                waiting.remove(entry);
                if (entry.taken.compareAndSet(false, true)) {
                    going.add(entry);
                }
            }
            if (sent < due.size()) {
                wakeAt(budget.nextReadAt(now));
            } else {
                waiting.stream().map(entry -> entry.due).min(Comparator.naturalOrder()).ifPresent(this::wakeAt);
            }
        }
        going.forEach(entry -> entry.read.run());
    }

    private void wakeAt(Instant at) {
        if (timer != null && !timerAt.isAfter(at)) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        timerAt = at;
        timer = clock.schedule(Duration.between(clock.now(), at), this::dispatch);
    }

    private static final class Read {
        private final Instant due;
        private final Urgency urgency;
        private final Instant overdueAt;
        private final Runnable read;
        private final AtomicBoolean taken = new AtomicBoolean();

        private Read(Instant due, Urgency urgency, Instant overdueAt, Runnable read) {
            this.due = due;
            this.urgency = urgency;
            this.overdueAt = overdueAt;
            this.read = read;
        }

        private Urgency urgencyAt(Instant now) {
            return now.isBefore(overdueAt) ? urgency : Urgency.OVERDUE;
        }
    }

    private record Key(SchedulingClock clock, String endpoint, String subscriptionId) {
    }
}
