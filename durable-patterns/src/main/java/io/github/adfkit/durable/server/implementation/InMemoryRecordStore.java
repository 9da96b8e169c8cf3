package io.github.adfkit.durable.server.implementation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A {@link RecordStore} in this process's memory, with the same conditional semantics as Table storage. Records are
 * lost when the process exits.
 */
public final class InMemoryRecordStore implements RecordStore {
    private final ConcurrentMap<RecordKey, StoredRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public Optional<StoredRecord> insert(RecordKey key, Map<String, Object> properties) {
        StoredRecord created = version(key, properties);
        return records.putIfAbsent(key, created) == null ? Optional.of(created) : Optional.empty();
    }

    @Override
    public Optional<StoredRecord> read(RecordKey key) {
        return Optional.ofNullable(records.get(key));
    }

    @Override
    public Optional<StoredRecord> replace(RecordKey key, String etag, Map<String, Object> properties) {
        StoredRecord next = version(key, properties);
        StoredRecord stored = records.computeIfPresent(key,
            (ignored, current) -> current.etag().equals(etag) ? next : current);
        return stored == next ? Optional.of(next) : Optional.empty();
    }

    @Override
    public boolean delete(RecordKey key, String etag) {
        StoredRecord current = records.get(key);
        return current != null && current.etag().equals(etag) && records.remove(key, current);
    }

    @Override
    public List<StoredRecord> listBelow(RecordType type, String property, long bound) {
        return records.values().stream()
            .filter(record -> record.key().type() == type)
            .filter(record -> record.getLong(property) != null && record.getLong(property) < bound)
            .collect(Collectors.toList());
    }

    private StoredRecord version(RecordKey key, Map<String, Object> properties) {
        return new StoredRecord(key, properties, "v" + versions.incrementAndGet());
    }
}
