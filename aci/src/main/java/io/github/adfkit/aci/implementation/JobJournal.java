package io.github.adfkit.aci.implementation;

import io.github.adfkit.core.implementation.LeaseLostException;
import io.github.adfkit.core.implementation.LeasedRow;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.Map;

/**
 * One job's record as this host holds it: the lease (renewed by core for the whole life of the job here) and the
 * journal of once-only side effects. A job without a store has an empty journal that is always held, so the job's
 * steps read the same either way.
 *
 * <p>Each once-only step goes: {@link #ensureHeld()}, the side effect unless {@link #isDone(String)}, then
 * {@link #markDone(String, String, Map)} before the job moves on. A host that adopts the record does only what the
 * journal does not show as done.</p>
 */
final class JobJournal {
    private static final JobJournal NONE = new JobJournal(null);

    private final LeasedRow held;
    private final Sinks.Empty<Void> lost = Sinks.empty();

    private JobJournal(LeasedRow held) {
        this.held = held;
        if (held != null) {
            held.onLost(lost::tryEmitEmpty);
        }
    }

    /**
     * @return the journal of a job kept only in this process
     */
    static JobJournal none() {
        return NONE;
    }

    /**
     * @param held the job's record with this host's lease
     * @return its journal
     */
    static JobJournal of(LeasedRow held) {
        return new JobJournal(held);
    }

    /**
     * @return whether the job is recorded in a store
     */
    boolean isStored() {
        return held != null;
    }

    /**
     * @param step a journal step
     * @return whether it is done
     */
    boolean isDone(String step) {
        return held != null && held.isDone(step);
    }

    /**
     * @param step a journal step
     * @return the value recorded with it, or {@code null}
     */
    String doneValue(String step) {
        return held == null ? null : LeasedRow.doneValue(held.row(), step);
    }

    /**
     * @param name a property of the record
     * @return its text, or {@code null}
     */
    String text(String name) {
        return held == null ? null : held.row().text(name);
    }

    /**
     * @return whether the group is the job's own to clean up, as recorded
     */
    boolean groupOwned() {
        return held != null && JobRecord.groupOwned(held.row());
    }

    /**
     * Checks, just before a side effect, that this host still holds the job.
     *
     * @throws LeaseLostException if it does not; the caller stops without acting
     */
    void ensureHeld() {
        if (held != null) {
            held.ensureHeld();
        }
    }

    /**
     * @return completes when a renewal finds the lease lost: a side effect under way is abandoned
     */
    Mono<Void> lost() {
        return lost.asMono();
    }

    /**
     * Records that a side effect is done, before the job moves on.
     *
     * @param step the journal step
     * @param value what to keep with it
     * @param changes other properties to write with it
     * @return completes once written; errors with {@link LeaseLostException} if another host holds the job now
     */
    Mono<Void> markDone(String step, String value, Map<String, ?> changes) {
        if (held == null) {
            return Mono.empty();
        }
        return JobStore.blocking(() -> held.markDone(step, value, changes)).then();
    }

    /**
     * Removes the record: the job is finished.
     *
     * @return completes once removed
     */
    Mono<Void> remove() {
        if (held == null) {
            return Mono.empty();
        }
        return JobStore.blocking(() -> {
            held.remove();
            return true;
        }).then();
    }

    /**
     * Stops renewing without writing: this process is going away, and another host (or this one's next scan)
     * adopts the record once the lease is free.
     */
    void close() {
        if (held != null) {
            held.close();
        }
    }
}
