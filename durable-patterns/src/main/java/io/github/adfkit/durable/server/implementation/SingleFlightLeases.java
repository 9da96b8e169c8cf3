package io.github.adfkit.durable.server.implementation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Single-flight leases: at most one operation holds a key at a time, across every host that shares the store. A
 * lease is taken with an insert (or, once it has expired, an ETag-conditional replace), renewed by its holder with
 * a conditional replace, and released with a conditional delete, so a JVM lock is never involved.
 */
public final class SingleFlightLeases {
    private static final String HOLDER = "Holder";
    private static final String HELD_UNTIL = "HeldUntil";

    private final RecordStore store;
    private final Duration retention;

    /**
     * @param store where leases live
     * @param retention how long an abandoned lease is kept after it expired
     */
    public SingleFlightLeases(RecordStore store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    /**
     * Takes the lease on a key if it is free, expired, or already held by the same operation.
     *
     * @param keyHash the hashed single-flight key
     * @param holder the operation id that wants it
     * @param now the current instant
     * @param until until when to hold it
     * @return the lease, or empty if another operation holds it
     */
    public Optional<Lease> tryAcquire(String keyHash, String holder, Instant now, Instant until) {
        RecordKey key = new RecordKey(RecordType.LEASE, keyHash);
        Optional<StoredRecord> inserted = store.insert(key, properties(holder, until));
        if (inserted.isPresent()) {
            return inserted.map(Lease::new);
        }
        Optional<StoredRecord> current = store.read(key);
        if (current.isEmpty()) {
            return store.insert(key, properties(holder, until)).map(Lease::new);
        }
        StoredRecord held = current.get();
        boolean takeable = holder.equals(held.getString(HOLDER)) || held.getLong(HELD_UNTIL) == null
            || held.getLong(HELD_UNTIL) < now.toEpochMilli();
        return takeable ? store.replace(key, held.etag(), properties(holder, until)).map(Lease::new) : Optional.empty();
    }

    /**
     * Extends a lease this operation holds.
     *
     * @param lease the lease as last written
     * @param until the new end
     * @return the renewed lease, or empty if it was lost (it expired and another operation took it)
     */
    public Optional<Lease> renew(Lease lease, Instant until) {
        return store.replace(lease.record.key(), lease.record.etag(), properties(lease.holder(), until))
            .map(Lease::new);
    }

    /**
     * Gives a lease up, if it has not been taken over meanwhile.
     *
     * @param lease the lease as last written
     */
    public void release(Lease lease) {
        store.delete(lease.record.key(), lease.record.etag());
    }

    private Map<String, Object> properties(String holder, Instant until) {
        return Map.of(HOLDER, holder, HELD_UNTIL, until.toEpochMilli(),
            OperationRecord.EXPIRES_AT, until.plus(retention).toEpochMilli());
    }

    /**
     * A lease as this host last wrote it.
     */
    public static final class Lease {
        private final StoredRecord record;

        private Lease(StoredRecord record) {
            this.record = record;
        }

        /**
         * @return the operation that holds it
         */
        public String holder() {
            return record.getString(HOLDER);
        }
    }
}
