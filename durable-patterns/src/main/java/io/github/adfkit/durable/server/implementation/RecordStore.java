package io.github.adfkit.durable.server.implementation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the operation server keeps its records. Every write is conditional: an insert succeeds only if the key is
 * free, a replace or delete only if the record still has the ETag the caller read ("claim, then act"). Property
 * values are String, Long or Integer.
 */
public interface RecordStore {
    /**
     * Inserts a record if its key is free.
     *
     * @param key the key
     * @param properties the properties
     * @return the stored record, or empty if a record with this key exists
     * @throws RecordTooLargeException if the properties do not fit in one record of this store
     */
    Optional<StoredRecord> insert(RecordKey key, Map<String, Object> properties);

    /**
     * @param key a key
     * @return the record, or empty if there is none
     */
    Optional<StoredRecord> read(RecordKey key);

    /**
     * Replaces all properties of a record if it still has the given ETag.
     *
     * @param key the key
     * @param etag the ETag the caller read
     * @param properties the new properties
     * @return the new version, or empty if the record changed or is gone
     * @throws RecordTooLargeException if the properties do not fit in one record of this store
     */
    Optional<StoredRecord> replace(RecordKey key, String etag, Map<String, Object> properties);

    /**
     * Deletes a record if it still has the given ETag.
     *
     * @param key the key
     * @param etag the ETag the caller read
     * @return {@code true} if this call deleted it
     */
    boolean delete(RecordKey key, String etag);

    /**
     * Lists the records of a type whose numeric property is below a bound; records without the property are not
     * listed.
     *
     * @param type the record type
     * @param property a Long property
     * @param bound the exclusive upper bound
     * @return the records
     */
    List<StoredRecord> listBelow(RecordType type, String property, long bound);
}
