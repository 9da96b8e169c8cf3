package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.core.implementation.ConditionalRows;
import io.github.adfkit.core.implementation.LeaseTerms;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.StoredRow;
import io.github.adfkit.core.implementation.WriteOutcome;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The operation server's records over {@link ConditionalRows}: operations (held with a {@link LeasedRow} by the
 * host that runs them), single-flight leases and Idempotency-Key claims. Every write is conditional; races and
 * answers lost on the way back are settled by the rows themselves.
 */
public final class OperationRepository {
    private static final int MAX_WRITE_ATTEMPTS = 20;
    private static final String OPERATION_ID = "OperationId";
    private static final String INPUT_HASH = "InputHash";

    private final ConditionalRows rows;

    /**
     * @param rows where records live
     */
    public OperationRepository(ConditionalRows rows) {
        this.rows = rows;
    }

    /**
     * Stores a new operation, held by this host.
     *
     * @param id a new random operation id
     * @param properties its properties
     * @param terms this host's lease terms
     * @return the held operation
     * @throws RecordTooLargeException if its parameters do not fit in the store
     */
    public LeasedRow create(String id, Map<String, Object> properties, LeaseTerms terms) {
        return LeasedRow.create(rows, id, RecordType.OPERATION.storedName(), properties, terms)
            .orElseThrow(() -> new AdfkitException("Another writer created an operation with a new random id."));
    }

    /**
     * @param id an operation id
     * @return the operation, or empty if there is none
     */
    public Optional<OperationRecord> find(String id) {
        return rows.read(id, RecordType.OPERATION.storedName()).map(OperationRecord::of);
    }

    /**
     * Ends an operation as Canceled unless it has finished, whichever host holds it: that host's next lease renewal
     * finds the record changed and stops the work.
     *
     * @param id the operation id
     * @param changes the changes that finish it as Canceled
     * @return the operation afterwards (unchanged if it had already finished), or empty if there is none
     */
    public Optional<OperationRecord> cancel(String id, Map<String, Object> changes) {
        Map<String, Object> unleased = new LinkedHashMap<>(changes);
        unleased.put(LeasedRow.LEASE_OWNER, null);
        unleased.put(LeasedRow.LEASE_UNTIL, null);
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Optional<OperationRecord> current = find(id);
            if (current.isEmpty() || current.get().status().isTerminal()) {
                return current;
            }
            StoredRow basis = current.get().row();
            WriteOutcome outcome = rows.replace(basis, basis.with(unleased));
            if (outcome.isWritten()) {
                return Optional.of(OperationRecord.of(outcome.row()));
            }
        }
        throw new AdfkitException("Operation " + id + " kept changing under " + MAX_WRITE_ATTEMPTS
            + " attempts to cancel it.");
    }

    /**
     * Takes over an operation whose host's lease has run out.
     *
     * @param expired the operation as listed
     * @param terms this host's lease terms
     * @return the held operation, or empty if another host was first
     */
    public Optional<LeasedRow> claim(OperationRecord expired, LeaseTerms terms) {
        return LeasedRow.claim(rows, expired.row(), terms);
    }

    /**
     * @param now the current instant
     * @return the unfinished operations whose host has not renewed its lease in time
     */
    public List<OperationRecord> listLeaseExpired(Instant now) {
        return rows.listBelow(RecordType.OPERATION.storedName(), LeasedRow.LEASE_UNTIL, now.toEpochMilli()).stream()
            .map(OperationRecord::of).filter(record -> !record.status().isTerminal()).collect(Collectors.toList());
    }

    /**
     * Deletes every record past its retention: finished operations, Idempotency-Key claims, and single-flight leases
     * abandoned longer than the retention.
     *
     * @param now the current instant
     * @param retention how long records are kept
     */
    public void purgeExpired(Instant now, Duration retention) {
        List<StoredRow> expired = new ArrayList<>();
        expired.addAll(rows.listBelow(RecordType.OPERATION.storedName(), OperationRecord.EXPIRES_AT,
            now.toEpochMilli()));
        expired.addAll(rows.listBelow(RecordType.IDEMPOTENCY.storedName(), OperationRecord.EXPIRES_AT,
            now.toEpochMilli()));
        expired.addAll(rows.listBelow(RecordType.LEASE.storedName(), LeasedRow.LEASE_UNTIL,
            now.minus(retention).toEpochMilli()));
        expired.forEach(rows::delete);
    }

    /**
     * Takes the single-flight lease on a key for an operation, if the key is free or its holder's lease ran out.
     *
     * @param keyHash the hashed single-flight key
     * @param terms the lease terms, owned by the operation that wants the key
     * @return the held lease, or empty if another operation holds it
     */
    public Optional<LeasedRow> takeSingleFlight(String keyHash, LeaseTerms terms) {
        String rowKey = RecordType.LEASE.storedName();
        Optional<LeasedRow> created = LeasedRow.create(rows, keyHash, rowKey, Map.of(), terms);
        if (created.isPresent()) {
            return created;
        }
        return rows.read(keyHash, rowKey).flatMap(held -> LeasedRow.claim(rows, held, terms));
    }

    /**
     * Claims an Idempotency-Key for an operation, unless another operation holds it.
     *
     * @param keyHash the hashed key
     * @param operationId the operation that wants it
     * @param inputHash the hash of the operation's input
     * @param expiresAt when the claim may be deleted
     * @return empty if this operation now holds the key, else the claim that does
     */
    public Optional<IdempotencyClaim> claimIdempotencyKey(String keyHash, String operationId, String inputHash,
        Instant expiresAt) {
        Map<String, Object> claim = Map.of(OPERATION_ID, operationId, INPUT_HASH, inputHash,
            OperationRecord.EXPIRES_AT, expiresAt.toEpochMilli());
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            WriteOutcome outcome = rows.create(keyHash, RecordType.IDEMPOTENCY.storedName(), claim);
            if (outcome.isWritten()) {
                return Optional.empty();
            }
            Optional<IdempotencyClaim> holder = Optional.ofNullable(outcome.row()).map(IdempotencyClaim::of)
                .or(() -> idempotencyClaim(keyHash));
            if (holder.isPresent()) {
                return holder;
            }
        }
        throw new AdfkitException("The Idempotency-Key claim kept changing under " + MAX_WRITE_ATTEMPTS
            + " attempts to read it.");
    }

    /**
     * @param keyHash the hashed key
     * @return the claim on the Idempotency-Key, or empty if it is free
     */
    public Optional<IdempotencyClaim> idempotencyClaim(String keyHash) {
        return rows.read(keyHash, RecordType.IDEMPOTENCY.storedName()).map(IdempotencyClaim::of);
    }

    /**
     * Gives up an Idempotency-Key claim, if the operation still holds it.
     *
     * @param keyHash the hashed key
     * @param operationId the operation that holds it
     */
    public void releaseIdempotencyKey(String keyHash, String operationId) {
        rows.read(keyHash, RecordType.IDEMPOTENCY.storedName())
            .filter(claim -> operationId.equals(claim.text(OPERATION_ID))).ifPresent(rows::delete);
    }

    /**
     * Who holds an Idempotency-Key.
     *
     * @param operationId the operation the key started
     * @param inputHash the hash of that operation's input
     */
    public record IdempotencyClaim(String operationId, String inputHash) {
        static IdempotencyClaim of(StoredRow row) {
            return new IdempotencyClaim(row.text(OPERATION_ID), row.text(INPUT_HASH));
        }
    }
}
