package io.github.adfkit.durable.server.implementation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record as a {@link RecordStore} holds it: its key, its properties (String, Long or Integer values) and the ETag
 * that a conditional write must name.
 */
public final class StoredRecord {
    private final RecordKey key;
    private final Map<String, Object> properties;
    private final String etag;

    /**
     * @param key the key
     * @param properties the properties; null values are left out
     * @param etag the version of the record
     */
    public StoredRecord(RecordKey key, Map<String, Object> properties, String etag) {
        this.key = key;
        Map<String, Object> copy = new LinkedHashMap<>();
        properties.forEach((name, value) -> {
            if (value != null) {
                copy.put(name, value);
            }
        });
        this.properties = Collections.unmodifiableMap(copy);
        this.etag = etag;
    }

    /**
     * @return the key
     */
    public RecordKey key() {
        return key;
    }

    /**
     * @return the properties, without null values
     */
    public Map<String, Object> properties() {
        return properties;
    }

    /**
     * @return the ETag of this version
     */
    public String etag() {
        return etag;
    }

    /**
     * @param name a property name
     * @return its value as text, or {@code null}
     */
    public String getString(String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }

    /**
     * @param name a property name
     * @return its value as a number, or {@code null}
     */
    public Long getLong(String name) {
        Object value = properties.get(name);
        return value instanceof Number number ? Long.valueOf(number.longValue()) : null;
    }
}
