package io.github.adfkit.durable.server.implementation;

/**
 * The kinds of record the operation server keeps. In Table storage the type is the row key and the record id the
 * partition key, so the ids of different types never collide.
 */
public enum RecordType {
    /** An operation: status, result, owner and lease. */
    OPERATION("operation"),
    /** A single-flight lease: which operation holds a key, and until when. */
    LEASE("lease"),
    /** An Idempotency-Key claim: which operation a key started. */
    IDEMPOTENCY("idempotency");

    private final String storedName;

    RecordType(String storedName) {
        this.storedName = storedName;
    }

    /**
     * @return the name stored with the record (the Table row key)
     */
    public String storedName() {
        return storedName;
    }
}
