package io.github.adfkit.core.implementation;

import com.azure.data.tables.models.TableEntity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Table storage row as it was last read or written: its keys, its own properties (without the OData and system
 * properties) and the ETag that makes the next write to it conditional.
 *
 * @param partitionKey the row's partition key
 * @param rowKey the row's row key
 * @param properties the row's own properties, read-only
 * @param eTag the ETag of the row as stored, never {@code null}
 */
public record StoredRow(String partitionKey, String rowKey, Map<String, Object> properties, String eTag) {
    /**
     * Checks and copies the values.
     */
    public StoredRow {
        Objects.requireNonNull(partitionKey, "'partitionKey' cannot be null.");
        Objects.requireNonNull(rowKey, "'rowKey' cannot be null.");
        Objects.requireNonNull(eTag, "'eTag' cannot be null.");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * @param entity an entity as the Table service returned it
     * @return the row it holds
     */
    public static StoredRow of(TableEntity entity) {
        Map<String, Object> own = new LinkedHashMap<>();
        entity.getProperties().forEach((name, value) -> {
            if (!isSystemProperty(name)) {
                own.put(name, value);
            }
        });
        return new StoredRow(entity.getPartitionKey(), entity.getRowKey(), own, ETags.repair(entity.getETag()));
    }

    /**
     * @param name a property name
     * @return its text, or {@code null} if the row has no such property
     */
    public String text(String name) {
        Object value = properties.get(name);
        return value == null ? null : value.toString();
    }

    /**
     * @param name a property name
     * @return its whole-number value, or {@code null} if the row has no such property
     */
    public Long number(String name) {
        Object value = properties.get(name);
        if (value == null) {
            return null;
        }
        return value instanceof Number n ? Long.valueOf(n.longValue()) : Long.valueOf(Long.parseLong(value.toString()));
    }

    /**
     * @param name a property name
     * @return its boolean value, or {@code null} if the row has no such property
     */
    public Boolean flag(String name) {
        Object value = properties.get(name);
        return value == null ? null : Boolean.valueOf(value instanceof Boolean b ? b : Boolean.parseBoolean(value.toString()));
    }

    /**
     * @param changes properties to set; a {@code null} value removes the property
     * @return this row's properties with the changes applied, for the next write
     */
    public Map<String, Object> with(Map<String, ?> changes) {
        Map<String, Object> next = new LinkedHashMap<>(properties);
        changes.forEach((name, value) -> {
            if (value == null) {
                next.remove(name);
            } else {
                next.put(name, value);
            }
        });
        return next;
    }

    static boolean isSystemProperty(String name) {
        return name.startsWith("odata.") || name.equals("PartitionKey") || name.equals("RowKey")
            || name.equals("Timestamp");
    }
}
