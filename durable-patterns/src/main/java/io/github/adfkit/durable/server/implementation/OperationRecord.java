package io.github.adfkit.durable.server.implementation;


import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation as stored: what the status endpoint shows (id, status, result, error) and what only the hosts see
 * (kind, submitted parameters, owner, lease, retention). Immutable; each transition returns a new record that keeps
 * the ETag of the version it was derived from, for the conditional write.
 */
public final class OperationRecord {
    static final String LEASE_UNTIL = "LeaseUntil";
    static final String EXPIRES_AT = "ExpiresAt";
    private static final String KIND = "Kind";
    private static final String STATUS = "Status";
    private static final String RESULT = "Result";
    private static final String ERROR = "Error";
    private static final String PARAMETERS = "Parameters";
    private static final String CREATED_AT = "CreatedAt";
    private static final String UPDATED_AT = "UpdatedAt";
    private static final String OWNER = "Owner";
    private static final String ATTEMPT = "Attempt";

    private final String id;
    private final String kind;
    private final OperationState status;
    private final String resultJson;
    private final String error;
    private final String parametersJson;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final String owner;
    private final Instant leaseUntil;
    private final Instant expiresAt;
    private final int attempt;
    private final String etag;

    private OperationRecord(String id, String kind, OperationState status, String resultJson, String error,
        String parametersJson, Instant createdAt, Instant updatedAt, String owner, Instant leaseUntil,
        Instant expiresAt, int attempt, String etag) {
        this.id = id;
        this.kind = kind;
        this.status = status;
        this.resultJson = resultJson;
        this.error = error;
        this.parametersJson = parametersJson;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.owner = owner;
        this.leaseUntil = leaseUntil;
        this.expiresAt = expiresAt;
        this.attempt = attempt;
        this.etag = etag;
    }

    /**
     * A new pending operation, leased by the host that accepted it.
     *
     * @param id the operation id
     * @param kind the operation kind
     * @param parametersJson the submitted parameters, kept for a re-run
     * @param owner the accepting host
     * @param now the current instant
     * @param leaseUntil until when the owner holds it
     * @return the record, not stored yet
     */
    public static OperationRecord pending(String id, String kind, String parametersJson, String owner,
        Instant now, Instant leaseUntil) {
        return new OperationRecord(id, kind, OperationState.PENDING, null, null, parametersJson, now, now, owner,
            leaseUntil, null, 1, null);
    }

    /**
     * Reads a stored record.
     *
     * @param stored the stored record of type {@link RecordType#OPERATION}
     * @return the operation
     */
    public static OperationRecord fromStored(StoredRecord stored) {
        Long attempt = stored.getLong(ATTEMPT);
        return new OperationRecord(stored.key().id(), stored.getString(KIND),
            OperationState.fromWireName(stored.getString(STATUS)).orElse(OperationState.FAILED),
            stored.getString(RESULT), stored.getString(ERROR), stored.getString(PARAMETERS),
            instant(stored.getLong(CREATED_AT)), instant(stored.getLong(UPDATED_AT)), stored.getString(OWNER),
            instant(stored.getLong(LEASE_UNTIL)), instant(stored.getLong(EXPIRES_AT)),
            attempt == null ? 1 : attempt.intValue(), stored.etag());
    }

    /**
     * @return the properties to store
     */
    public Map<String, Object> toProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(KIND, kind);
        properties.put(STATUS, status.toString());
        properties.put(RESULT, resultJson);
        properties.put(ERROR, error);
        properties.put(PARAMETERS, parametersJson);
        properties.put(CREATED_AT, millis(createdAt));
        properties.put(UPDATED_AT, millis(updatedAt));
        properties.put(OWNER, owner);
        properties.put(LEASE_UNTIL, millis(leaseUntil));
        properties.put(EXPIRES_AT, millis(expiresAt));
        properties.put(ATTEMPT, attempt);
        return properties;
    }

    /**
     * @return the store key
     */
    public RecordKey key() {
        return new RecordKey(RecordType.OPERATION, id);
    }

    /**
     * @param now the current instant
     * @param newLeaseUntil until when the owner holds it
     * @return this operation, running
     */
    public OperationRecord running(Instant now, Instant newLeaseUntil) {
        return new OperationRecord(id, kind, OperationState.RUNNING, null, null, parametersJson, createdAt, now,
            owner, newLeaseUntil, null, attempt, etag);
    }

    /**
     * @param newLeaseUntil until when the owner holds it
     * @return this operation with a renewed lease
     */
    public OperationRecord renewed(Instant newLeaseUntil) {
        return new OperationRecord(id, kind, status, resultJson, error, parametersJson, createdAt, updatedAt, owner,
            newLeaseUntil, expiresAt, attempt, etag);
    }

    /**
     * @param newOwner the host that takes the operation over
     * @param now the current instant
     * @param newLeaseUntil until when it holds it
     * @return this operation, pending again for another attempt
     */
    public OperationRecord rerun(String newOwner, Instant now, Instant newLeaseUntil) {
        return new OperationRecord(id, kind, OperationState.PENDING, null, null, parametersJson, createdAt, now,
            newOwner, newLeaseUntil, null, attempt + 1, etag);
    }

    /**
     * @param finalStatus a terminal status
     * @param result the result as JSON, or {@code null}
     * @param message the error for the caller, or {@code null}
     * @param now the current instant
     * @param retention how long the finished record is kept
     * @return this operation, finished; its lease is gone and it expires after the retention
     */
    public OperationRecord finished(OperationState finalStatus, String result, String message, Instant now,
        Duration retention) {
        return new OperationRecord(id, kind, finalStatus, result, message, parametersJson, createdAt, now, owner,
            null, now.plus(retention), attempt, etag);
    }

    /**
     * @return the operation id
     */
    public String id() {
        return id;
    }

    /**
     * @return the operation kind
     */
    public String kind() {
        return kind;
    }

    /**
     * @return the status
     */
    public OperationState status() {
        return status;
    }

    /**
     * @return the result as JSON, or {@code null}
     */
    public String resultJson() {
        return resultJson;
    }

    /**
     * @return the error for the caller, or {@code null}
     */
    public String error() {
        return error;
    }

    /**
     * @return the submitted parameters as JSON
     */
    public String parametersJson() {
        return parametersJson;
    }

    /**
     * @return the host that holds the operation
     */
    public String owner() {
        return owner;
    }

    /**
     * @return until when the owner holds the operation; {@code null} once finished
     */
    public Instant leaseUntil() {
        return leaseUntil;
    }

    /**
     * @return when the finished record may be deleted; {@code null} while it is not finished
     */
    public Instant expiresAt() {
        return expiresAt;
    }

    /**
     * @return how many times the work was started, from 1
     */
    public int attempt() {
        return attempt;
    }

    /**
     * @return the ETag of the version this record was read from or derived from
     */
    public String etag() {
        return etag;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
