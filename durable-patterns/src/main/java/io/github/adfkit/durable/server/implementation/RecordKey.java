package io.github.adfkit.durable.server.implementation;

import java.util.Objects;

/**
 * The key of a stored record. The id is always lowercase hexadecimal (an operation id or a SHA-256 hash), never raw
 * caller input, so it is safe as a Table key and inside an OData filter.
 *
 * @param type the record type
 * @param id 32 to 64 lowercase hexadecimal characters
 */
public record RecordKey(RecordType type, String id) {
    /**
     * Checks the id.
     *
     * @param type the record type
     * @param id the record id
     * @throws IllegalArgumentException if the id is not 32 to 64 lowercase hexadecimal characters
     */
    public RecordKey {
        Objects.requireNonNull(type, "'type' cannot be null.");
        if (id == null || !OperationIds.isHexKey(id)) {
            throw new IllegalArgumentException("A record id must be 32 to 64 lowercase hexadecimal characters.");
        }
    }
}
