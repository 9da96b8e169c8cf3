package io.github.adfkit.core.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A row in a {@link ConditionalTable} (or other {@link ConditionalRows}) that this host holds a lease on, with a
 * journal of the side effects done for it. This is how adfkit does something exactly once across hosts that share a
 * table:
 * <ol>
 *   <li>the record is created with the lease held ({@link #create}) or adopted once its holder's lease has run out
 *   ({@link #claim}), each with a conditional write that only one host wins;</li>
 *   <li>while the holder works, the lease is renewed on the {@link SchedulingClock} once a third of it has passed
 *   since it was last extended (by a renewal or any write of the holder), on an I/O thread, for as long as the
 *   holder holds it (waits for ARM, callback retries, a pipeline start) — a slow side effect never lets the lease
 *   lapse. A renewal that fails on a store fault is tried again after a quarter of the renewal interval;</li>
 *   <li>before each side effect the holder calls {@link #ensureHeld()}, which fails once a renewal found the row
 *   taken over or gone, or the lease ran out locally because the store could not be reached;</li>
 *   <li>after each side effect the holder records it with {@link #markDone}; a host that adopts the record reads the
 *   journal ({@link #isDone}) and does only what is missing;</li>
 *   <li>the holder ends by removing the record ({@link #remove}), releasing the lease for another host
 *   ({@link #release}), or, when the process goes away, just stopping the renewals ({@link #close}).</li>
 * </ol>
 *
 * <p>All writes go through this object, one at a time, each conditional on the ETag of the previous one, and each
 * extends the lease.</p>
 */
public final class LeasedRow implements AutoCloseable {
    /** The property that names the lease holder. */
    public static final String LEASE_OWNER = "LeaseOwner";
    /** The property that holds the lease's end, in epoch milliseconds. */
    public static final String LEASE_UNTIL = "LeaseUntil";
    /** The prefix of journal properties: {@code Done_<step>} holds the step's value once it is done. */
    public static final String DONE_PREFIX = "Done_";

    private static final ClientLogger LOGGER = new ClientLogger(LeasedRow.class);

    private final ConditionalRows table;
    private final LeaseTerms terms;
    private final List<Runnable> lostListeners = new CopyOnWriteArrayList<>();
    private volatile StoredRow row;
    private volatile boolean lost;
    private volatile boolean ended;
    private volatile SchedulingClock.Cancellable renewal;

    private LeasedRow(ConditionalRows table, LeaseTerms terms, StoredRow row) {
        this.table = table;
        this.terms = terms;
        this.row = row;
    }

    /**
     * Creates a record with the lease held by this host.
     *
     * @param table the table
     * @param partitionKey the partition key
     * @param rowKey the row key
     * @param properties the record's properties
     * @param terms the lease terms
     * @return the held record, or empty if a record with these keys exists already
     */
    public static Optional<LeasedRow> create(ConditionalRows table, String partitionKey, String rowKey,
        Map<String, ?> properties, LeaseTerms terms) {
        Map<String, Object> leased = new HashMap<>(properties);
        leased.putAll(leaseProperties(terms));
        return table.create(partitionKey, rowKey, leased).written().map(row -> new LeasedRow(table, terms, row)
            .startRenewing());
    }

    /**
     * Takes the lease on a record whose lease is free: never taken, run out, released, or already this host's.
     *
     * @param table the table
     * @param current the record as read
     * @param terms the lease terms
     * @return the held record, or empty if another host holds the lease or won the race for it
     */
    public static Optional<LeasedRow> claim(ConditionalRows table, StoredRow current, LeaseTerms terms) {
        return claim(table, current, Map.of(), terms);
    }

    /**
     * Takes the lease on a record whose lease is free, and changes the record in the same conditional write.
     *
     * @param table the table
     * @param current the record as read
     * @param changes properties to set with the lease; a {@code null} value removes the property
     * @param terms the lease terms
     * @return the held record, or empty if another host holds the lease or won the race for it
     */
    public static Optional<LeasedRow> claim(ConditionalRows table, StoredRow current, Map<String, ?> changes,
        LeaseTerms terms) {
        if (!isClaimable(current, terms.owner(), terms.clock().now())) {
            return Optional.empty();
        }
        Map<String, Object> next = new HashMap<>(changes);
        next.putAll(leaseProperties(terms));
        return table.replace(current, current.with(next)).written()
            .map(row -> new LeasedRow(table, terms, row).startRenewing());
    }

    /**
     * @param row a record as read
     * @param owner this host's id
     * @param now the current instant
     * @return whether this host may claim it
     */
    public static boolean isClaimable(StoredRow row, String owner, Instant now) {
        Long until = row.number(LEASE_UNTIL);
        return until == null || owner.equals(row.text(LEASE_OWNER)) || until <= now.toEpochMilli();
    }

    /**
     * @param row a record as read
     * @param step a side effect's name
     * @return whether the journal says it is done
     */
    public static boolean isDone(StoredRow row, String step) {
        return row.text(DONE_PREFIX + step) != null;
    }

    /**
     * @param row a record as read
     * @param step a side effect's name
     * @return the value recorded with the step, or {@code null} if it is not done
     */
    public static String doneValue(StoredRow row, String step) {
        return row.text(DONE_PREFIX + step);
    }

    /**
     * @return the record as last written by this host
     */
    public StoredRow row() {
        return row;
    }

    /**
     * @param step a side effect's name
     * @return whether the journal says it is done
     */
    public boolean isDone(String step) {
        return isDone(row(), step);
    }

    /**
     * @param listener called once, on an I/O thread, when a renewal finds the lease lost: taken over or gone, or run
     *     out because the store could not be reached in time (then renewals stop too, as {@link #ensureHeld()}
     *     already refuses every side effect)
     */
    public void onLost(Runnable listener) {
        lostListeners.add(Objects.requireNonNull(listener, "'listener' cannot be null."));
    }

    /**
     * Checks, before a side effect, that this host still holds the lease. It never waits for a write in progress
     * (it takes no lock), so it may be called on an event-loop thread.
     *
     * @throws LeaseLostException if it does not
     */
    public void ensureHeld() {
        if (lost || ended) {
            throw new LeaseLostException("The lease on " + describe() + " is no longer held by this host.");
        }
        if (hasRunOut()) {
            throw new LeaseLostException("The lease on " + describe() + " ran out: it could not be renewed in time.");
        }
    }

    /**
     * @return whether the lease ends (locally, with a safety margin) before it could be renewed again
     */
    private boolean hasRunOut() {
        Instant now = terms.clock().now();
        long until = Objects.requireNonNullElse(row.number(LEASE_UNTIL), 0L);
        return until - terms.renewalInterval().toMillis() / 2 <= now.toEpochMilli();
    }

    /**
     * Changes the record, extending the lease.
     *
     * @param changes properties to set; a {@code null} value removes the property
     * @return the record as written
     * @throws LeaseLostException if another host took the record over or it is gone
     */
    public synchronized StoredRow update(Map<String, ?> changes) {
        ensureHeld();
        Map<String, Object> next = new HashMap<>(changes);
        next.putAll(leaseProperties(terms));
        return write(next);
    }

    /**
     * Records in the journal that a side effect is done.
     *
     * @param step the side effect's name
     * @param value what to keep with it (a run id, a time), not empty
     * @param changes other properties to change in the same write; a {@code null} value removes the property
     * @return the record as written
     * @throws LeaseLostException if another host took the record over or it is gone
     */
    public synchronized StoredRow markDone(String step, String value, Map<String, ?> changes) {
        Map<String, Object> next = new HashMap<>(changes);
        next.put(DONE_PREFIX + step, Objects.requireNonNull(value, "'value' cannot be null."));
        return update(next);
    }

    /**
     * Removes the record: the work is finished and nothing is left to do for it.
     *
     * @throws LeaseLostException if another host changed the record meanwhile
     */
    public synchronized void remove() {
        ensureHeld();
        WriteOutcome outcome = table.delete(row);
        end();
        if (outcome.kind() == WriteOutcome.Kind.LOST_RACE) {
            lost = true;
            throw new LeaseLostException("Another host changed " + describe() + " before it could be removed.");
        }
    }

    /**
     * Writes the record's last change and ends the lease on it: the work is finished, and the record stays for
     * readers with no lease (so no host adopts it any more). On a store fault the lease is still held and renewed,
     * and the call may be repeated.
     *
     * @param changes properties to set; a {@code null} value removes the property
     * @return the record as written
     * @throws LeaseLostException if another host took the record over or it is gone
     */
    public synchronized StoredRow finish(Map<String, ?> changes) {
        ensureHeld();
        Map<String, Object> next = new HashMap<>(changes);
        next.put(LEASE_OWNER, null);
        next.put(LEASE_UNTIL, null);
        StoredRow last = write(next);
        end();
        return last;
    }

    /**
     * Gives the lease up so that another host can adopt the record at once; the record stays.
     */
    public synchronized void release() {
        try {
            if (!ended && !lost) {
                release(Map.of());
            }
        } catch (LeaseLostException alreadyGone) {
            LOGGER.verbose("No lease to release on {}.", describe());
        } finally {
            end();
        }
    }

    /**
     * Changes the record and gives the lease up in the same write, so that another host can adopt the record at
     * once; the record stays.
     *
     * @param changes properties to set; a {@code null} value removes the property
     * @return the record as written
     * @throws LeaseLostException if another host took the record over or it is gone; nothing is written then
     */
    public synchronized StoredRow release(Map<String, ?> changes) {
        ensureHeld();
        Map<String, Object> next = new HashMap<>(changes);
        next.put(LEASE_UNTIL, 0L);
        try {
            return write(next);
        } finally {
            end();
        }
    }

    /**
     * Stops renewing, writing nothing: the process is going away and another host adopts the record once the lease
     * runs out. It waits for a renewal in progress, so no write of this object lands after it returns.
     */
    @Override
    public synchronized void close() {
        end();
    }

    private StoredRow write(Map<String, Object> changes) {
        WriteOutcome outcome = table.replace(row, row.with(changes));
        if (!outcome.isWritten()) {
            lost = true;
            end();
            throw new LeaseLostException(outcome.kind() == WriteOutcome.Kind.GONE ? describe() + " is gone."
                : "Another host has taken over " + describe() + ".");
        }
        row = outcome.row();
        if (Objects.requireNonNullElse(row.number(LEASE_UNTIL), 0L) > 0) {
            scheduleRenewal(untilRenewalDue());
        }
        return row;
    }

    private LeasedRow startRenewing() {
        synchronized (this) {
            scheduleRenewal(untilRenewalDue());
        }
        return this;
    }

    /**
     * @return how long until the lease as last written is a third through, when it is renewed: anchored to the
     *     lease's end, so neither a slow renewal nor the time its answer took shifts the next one later
     */
    private Duration untilRenewalDue() {
        long until = Objects.requireNonNullElse(row.number(LEASE_UNTIL), 0L);
        long due = until - terms.duration().minus(terms.renewalInterval()).toMillis();
        return Duration.ofMillis(due - terms.clock().now().toEpochMilli());
    }

    private void scheduleRenewal(Duration delay) {
        if (ended) {
            return;
        }
        if (renewal != null) {
            renewal.cancel();
        }
        renewal = terms.clock().schedule(delay, () -> Schedulers.boundedElastic().schedule(this::renew));
    }

    private void renew() {
        boolean lostNow = false;
        synchronized (this) {
            if (ended) {
                return;
            }
            Duration early = untilRenewalDue();
            if (!early.isNegative() && !early.isZero()) {
                // A write of the holder extended the lease while this renewal waited for a thread.
                scheduleRenewal(early);
                return;
            }
            try {
                write(new HashMap<>(leaseProperties(terms)));
            } catch (LeaseLostException e) {
                lostNow = true;
            } catch (RuntimeException storeDown) {
                LOGGER.warning("Could not renew the lease on {} ({}); trying again.", describe(),
                    Redaction.text(String.valueOf(storeDown.getMessage())));
                if (hasRunOut()) {
                    lost = true;
                    end();
                    lostNow = true;
                } else {
                    scheduleRenewal(terms.renewalInterval().dividedBy(4));
                }
            }
        }
        if (lostNow) {
            LOGGER.warning("The lease on {} was lost; this host stops working on it.", describe());
            lostListeners.forEach(Runnable::run);
        }
    }

    private void end() {
        ended = true;
        SchedulingClock.Cancellable pending = renewal;
        if (pending != null) {
            pending.cancel();
        }
    }

    private static Map<String, Object> leaseProperties(LeaseTerms terms) {
        Map<String, Object> lease = new HashMap<>();
        lease.put(LEASE_OWNER, terms.owner());
        lease.put(LEASE_UNTIL, terms.clock().now().plus(terms.duration()).toEpochMilli());
        return lease;
    }

    private String describe() {
        return "the record " + row.partitionKey() + "/" + row.rowKey() + " in table " + table.name();
    }
}
