package io.github.adfkit.core.implementation;

import java.util.Optional;

/**
 * What a conditional write to Table storage did. A lost race and a row that is gone are outcomes to act on, not
 * exceptions to catch by status code; an exception from {@link ConditionalTable} means the store could not be
 * reached or refused the request for another reason.
 *
 * @param kind what happened
 * @param row the row as written ({@link Kind#WRITTEN}), as another writer left it ({@link Kind#LOST_RACE}, when it
 *     could be read back), or {@code null}
 */
public record WriteOutcome(Kind kind, StoredRow row) {
    /**
     * What happened to a conditional write.
     */
    public enum Kind {
        /** The write is applied; {@link #row()} is the row with its new ETag. */
        WRITTEN,
        /** Another writer created or changed the row first; this write is not applied. */
        LOST_RACE,
        /** The row does not exist (any more); for a delete, it is gone either way. */
        GONE
    }

    static WriteOutcome written(StoredRow row) {
        return new WriteOutcome(Kind.WRITTEN, row);
    }

    static WriteOutcome lostRace(StoredRow current) {
        return new WriteOutcome(Kind.LOST_RACE, current);
    }

    static WriteOutcome gone() {
        return new WriteOutcome(Kind.GONE, null);
    }

    /**
     * @return {@code true} if the write is applied
     */
    public boolean isWritten() {
        return kind == Kind.WRITTEN;
    }

    /**
     * @return the row as written, or empty if the write was not applied
     */
    public Optional<StoredRow> written() {
        return isWritten() ? Optional.of(row) : Optional.empty();
    }
}
