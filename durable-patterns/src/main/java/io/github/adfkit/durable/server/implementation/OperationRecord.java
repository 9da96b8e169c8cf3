package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.StoredRow;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One operation as stored (partition key: its id; row key: {@link RecordType#OPERATION}): what the status endpoint
 * shows (id, status, result, error) and what only the hosts see (kind, submitted parameters, lease, retention). The
 * static methods give the property changes of each transition, written under the operation's lease.
 */
public final class OperationRecord {
    static final String EXPIRES_AT = "ExpiresAt";
    /** The journal step written when the work starts; its value is the attempt. */
    static final String STARTED = "Started";
    private static final String KIND = "Kind";
    private static final String STATUS = "Status";
    private static final String RESULT = "Result";
    private static final String ERROR = "Error";
    private static final String PARAMETERS = "Parameters";
    private static final String CREATED_AT = "CreatedAt";
    private static final String UPDATED_AT = "UpdatedAt";
    private static final String ATTEMPT = "Attempt";
    private static final String CUSTOM_STATUS = "CustomStatus";
    private static final int MAX_CUSTOM_STATUS_CHARS = 16 * 1024;

    private final StoredRow row;

    private OperationRecord(StoredRow row) {
        this.row = row;
    }

    /**
     * @param row a stored operation
     * @return the operation
     */
    public static OperationRecord of(StoredRow row) {
        return new OperationRecord(row);
    }

    /**
     * @param kind the operation kind
     * @param parametersJson the submitted parameters, kept for a re-run
     * @param now the current instant
     * @return the properties of a new pending operation
     * @throws RecordTooLargeException if the parameters do not fit
     */
    static Map<String, Object> pending(String kind, String parametersJson, Instant now) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(KIND, kind);
        properties.put(STATUS, OperationState.PENDING.toString());
        properties.putAll(ChunkedText.write(PARAMETERS, parametersJson));
        properties.put(CREATED_AT, now.toEpochMilli());
        properties.put(UPDATED_AT, now.toEpochMilli());
        properties.put(ATTEMPT, 1);
        return properties;
    }

    /**
     * @param kind the operation kind
     * @param parametersJson the submitted parameters, kept for a re-run
     * @param now the current instant
     * @return the properties of a new operation whose work starts now: Running, with its first attempt marked
     *     started in the journal
     * @throws RecordTooLargeException if the parameters do not fit
     */
    static Map<String, Object> started(String kind, String parametersJson, Instant now) {
        Map<String, Object> properties = pending(kind, parametersJson, now);
        properties.putAll(running(now));
        properties.put(LeasedRow.DONE_PREFIX + STARTED, "1");
        return properties;
    }

    /**
     * @param now the current instant
     * @return the changes that make a pending operation Running
     */
    static Map<String, Object> running(Instant now) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(STATUS, OperationState.RUNNING.toString());
        changes.put(UPDATED_AT, now.toEpochMilli());
        return changes;
    }

    /**
     * @param now the current instant
     * @return the changes that make an operation whose host died pending again, for another attempt
     */
    Map<String, Object> rerun(Instant now) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(STATUS, OperationState.PENDING.toString());
        changes.put(UPDATED_AT, now.toEpochMilli());
        changes.put(ATTEMPT, attempt() + 1);
        return changes;
    }

    /**
     * @param status a terminal status
     * @param resultJson the result as JSON, or {@code null}
     * @param error the error for the caller, or {@code null}
     * @param now the current instant
     * @param retention how long the finished record is kept
     * @return the changes that finish an operation
     * @throws RecordTooLargeException if the result does not fit
     */
    static Map<String, Object> finished(OperationState status, String resultJson, String error, Instant now,
        Duration retention) {
        Map<String, Object> changes = new LinkedHashMap<>(ChunkedText.write(RESULT, resultJson));
        changes.put(STATUS, status.toString());
        changes.put(ERROR, error);
        changes.put(UPDATED_AT, now.toEpochMilli());
        changes.put(EXPIRES_AT, now.plus(retention).toEpochMilli());
        return changes;
    }

    /**
     * @param customStatusJson the progress the work published, as JSON, or {@code null} to clear it
     * @return the changes that publish it
     * @throws RecordTooLargeException if it is longer than 16 KiB characters
     */
    static Map<String, Object> progress(String customStatusJson) {
        if (customStatusJson != null && customStatusJson.length() > MAX_CUSTOM_STATUS_CHARS) {
            throw new RecordTooLargeException("custom status", customStatusJson.length(), MAX_CUSTOM_STATUS_CHARS);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(CUSTOM_STATUS, customStatusJson);
        return changes;
    }

    /**
     * @return the row as read
     */
    StoredRow row() {
        return row;
    }

    /**
     * @return the operation id
     */
    public String id() {
        return row.partitionKey();
    }

    /**
     * @return the operation kind
     */
    public String kind() {
        return row.text(KIND);
    }

    /**
     * @return the status
     */
    public OperationState status() {
        return OperationState.fromWireName(row.text(STATUS)).orElse(OperationState.FAILED);
    }

    /**
     * @return the result as JSON, or {@code null}
     */
    public String resultJson() {
        return ChunkedText.read(row.properties(), RESULT);
    }

    /**
     * @return the error for the caller, or {@code null}
     */
    public String error() {
        return row.text(ERROR);
    }

    /**
     * @return the progress the work published last, as JSON, or {@code null}
     */
    public String customStatusJson() {
        return row.text(CUSTOM_STATUS);
    }

    /**
     * @return the submitted parameters as JSON
     */
    public String parametersJson() {
        return ChunkedText.read(row.properties(), PARAMETERS);
    }

    /**
     * @return until when its host holds the operation; {@code null} once finished
     */
    public Instant leaseUntil() {
        return instant(row.number(LeasedRow.LEASE_UNTIL));
    }

    /**
     * @return when the finished record may be deleted; {@code null} while it is not finished
     */
    public Instant expiresAt() {
        return instant(row.number(EXPIRES_AT));
    }

    /**
     * @return whether the work was started on some host
     */
    public boolean started() {
        return LeasedRow.isDone(row, STARTED);
    }

    /**
     * @return how many times the work was started or offered to a host, from 1
     */
    public int attempt() {
        Long attempt = row.number(ATTEMPT);
        return attempt == null ? 1 : attempt.intValue();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
