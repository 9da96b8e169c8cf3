package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.core.AdfkitException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Operations and Idempotency-Key claims over a {@link RecordStore}. State changes are read-modify-write loops with
 * ETag-conditional writes, so two hosts that race for the same operation never overwrite each other.
 */
public final class OperationRepository {
    private static final int MAX_WRITE_ATTEMPTS = 20;
    private static final String OPERATION_ID = "OperationId";

    private final RecordStore store;

    /**
     * @param store where records live
     */
    public OperationRepository(RecordStore store) {
        this.store = store;
    }

    /**
     * Stores a new operation.
     *
     * @param record the operation
     * @return the stored operation, with its ETag
     * @throws RecordTooLargeException if its parameters do not fit in the store
     */
    public OperationRecord create(OperationRecord record) {
        return store.insert(record.key(), record.toProperties()).map(OperationRecord::fromStored)
            .orElseThrow(() -> new AdfkitException("An operation with a new random id already exists."));
    }

    /**
     * @param id an operation id
     * @return the operation, or empty if there is none
     */
    public Optional<OperationRecord> find(String id) {
        return store.read(new RecordKey(RecordType.OPERATION, id)).map(OperationRecord::fromStored);
    }

    /**
     * Applies a change to the current version of an operation, reading again and re-applying it whenever another
     * writer got there first.
     *
     * @param id the operation id
     * @param change the new version from the current one, or {@code null} to leave the record as it is
     * @return the operation as stored afterwards (changed or not), or empty if there is none
     * @throws RecordTooLargeException if the new version does not fit in the store
     */
    public Optional<OperationRecord> update(String id, UnaryOperator<OperationRecord> change) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Optional<OperationRecord> current = find(id);
            if (current.isEmpty()) {
                return current;
            }
            OperationRecord next = change.apply(current.get());
            if (next == null) {
                return current;
            }
            Optional<OperationRecord> written = replace(next);
            if (written.isPresent()) {
                return written;
            }
        }
        throw new AdfkitException("Operation " + id + " kept changing under " + MAX_WRITE_ATTEMPTS
            + " attempts to update it.");
    }

    /**
     * Writes a new version if the stored one still has the ETag the new version was derived from.
     *
     * @param next the new version
     * @return the stored version, or empty if another writer changed or deleted it first
     */
    public Optional<OperationRecord> replace(OperationRecord next) {
        return store.replace(next.key(), next.etag(), next.toProperties()).map(OperationRecord::fromStored);
    }

    /**
     * Deletes an operation if it has not changed since it was read.
     *
     * @param record the operation as read
     */
    public void delete(OperationRecord record) {
        store.delete(record.key(), record.etag());
    }

    /**
     * @param now the current instant
     * @return the unfinished operations whose owner has not renewed its lease in time
     */
    public List<OperationRecord> listLeaseExpired(Instant now) {
        return store.listBelow(RecordType.OPERATION, OperationRecord.LEASE_UNTIL, now.toEpochMilli()).stream()
            .map(OperationRecord::fromStored).collect(Collectors.toList());
    }

    /**
     * Deletes every record past its retention: finished operations, Idempotency-Key claims and abandoned leases.
     *
     * @param now the current instant
     */
    public void purgeExpired(Instant now) {
        for (RecordType type : RecordType.values()) {
            for (StoredRecord expired : store.listBelow(type, OperationRecord.EXPIRES_AT, now.toEpochMilli())) {
                store.delete(expired.key(), expired.etag());
            }
        }
    }

    /**
     * Claims an Idempotency-Key for an operation, unless another operation holds it.
     *
     * @param keyHash the hashed key
     * @param operationId the operation that wants it
     * @param expiresAt when the claim may be deleted
     * @return empty if this operation now holds the key, else the id of the operation that does
     */
    public Optional<String> claimIdempotencyKey(String keyHash, String operationId, Instant expiresAt) {
        RecordKey key = new RecordKey(RecordType.IDEMPOTENCY, keyHash);
        Map<String, Object> claim = Map.of(OPERATION_ID, operationId,
            OperationRecord.EXPIRES_AT, expiresAt.toEpochMilli());
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            if (store.insert(key, claim).isPresent()) {
                return Optional.empty();
            }
            Optional<String> holder = idempotencyHolder(keyHash);
            if (holder.isPresent()) {
                return holder;
            }
        }
        throw new AdfkitException("The Idempotency-Key claim kept changing under " + MAX_WRITE_ATTEMPTS
            + " attempts to read it.");
    }

    /**
     * @param keyHash the hashed key
     * @return the operation that holds the Idempotency-Key, or empty if it is free
     */
    public Optional<String> idempotencyHolder(String keyHash) {
        return store.read(new RecordKey(RecordType.IDEMPOTENCY, keyHash))
            .map(record -> record.getString(OPERATION_ID));
    }

    /**
     * Gives up an Idempotency-Key claim, if the operation still holds it.
     *
     * @param keyHash the hashed key
     * @param operationId the operation that holds it
     */
    public void releaseIdempotencyKey(String keyHash, String operationId) {
        RecordKey key = new RecordKey(RecordType.IDEMPOTENCY, keyHash);
        store.read(key).filter(record -> operationId.equals(record.getString(OPERATION_ID)))
            .ifPresent(record -> store.delete(key, record.etag()));
    }
}
