package io.github.adfkit.durable.server.implementation;

/**
 * The kinds of record the operation server keeps. The type is the row key and the record id (an operation id or a
 * SHA-256 hash, always lowercase hexadecimal) the partition key, so the ids of different types never collide.
 */
public enum RecordType {
    /** An operation: status, result, lease and journal. */
    OPERATION("operation"),
    /** A single-flight lease: which operation holds a key, and until when. */
    LEASE("lease"),
    /** An Idempotency-Key claim: which operation a key started, with which input. */
    IDEMPOTENCY("idempotency");

    private final String storedName;

    RecordType(String storedName) {
        this.storedName = storedName;
    }

    /**
     * @return the name stored with the record (the row key)
     */
    public String storedName() {
        return storedName;
    }
}
