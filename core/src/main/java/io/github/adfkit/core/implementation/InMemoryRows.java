package io.github.adfkit.core.implementation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@link ConditionalRows} in this process's memory, for a single host: nothing is shared and everything is lost when
 * the process exits. Each write is atomic, so answers are never lost and need no settling.
 */
public final class InMemoryRows implements ConditionalRows {
    private final Map<String, StoredRow> rows = new HashMap<>();
    private final AtomicLong versions = new AtomicLong();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public synchronized Optional<StoredRow> read(String partitionKey, String rowKey) {
        return Optional.ofNullable(rows.get(key(partitionKey, rowKey)));
    }

    @Override
    public synchronized WriteOutcome create(String partitionKey, String rowKey, Map<String, ?> properties) {
        StoredRow current = rows.get(key(partitionKey, rowKey));
        return current != null ? WriteOutcome.lostRace(current) : store(partitionKey, rowKey, properties);
    }

    @Override
    public synchronized WriteOutcome replace(StoredRow basis, Map<String, ?> properties) {
        StoredRow current = rows.get(key(basis.partitionKey(), basis.rowKey()));
        if (current == null) {
            return WriteOutcome.gone();
        }
        return current.eTag().equals(basis.eTag()) ? store(basis.partitionKey(), basis.rowKey(), properties)
            : WriteOutcome.lostRace(current);
    }

    @Override
    public synchronized WriteOutcome delete(StoredRow basis) {
        String key = key(basis.partitionKey(), basis.rowKey());
        StoredRow current = rows.get(key);
        if (current != null && !current.eTag().equals(basis.eTag())) {
            return WriteOutcome.lostRace(current);
        }
        rows.remove(key);
        return WriteOutcome.gone();
    }

    @Override
    public synchronized List<StoredRow> listBelow(String rowKey, String property, long bound) {
        return rows.values().stream().filter(row -> row.rowKey().equals(rowKey))
            .filter(row -> row.number(property) != null && row.number(property) < bound).collect(Collectors.toList());
    }

    private WriteOutcome store(String partitionKey, String rowKey, Map<String, ?> properties) {
        Map<String, Object> kept = new HashMap<>();
        properties.forEach((name, value) -> {
            if (value != null) {
                kept.put(name, value);
            }
        });
        StoredRow row = new StoredRow(partitionKey, rowKey, kept, "W/\"" + versions.incrementAndGet() + "\"");
        rows.put(key(partitionKey, rowKey), row);
        return WriteOutcome.written(row);
    }

    private static String key(String partitionKey, String rowKey) {
        return partitionKey + '\n' + rowKey;
    }
}
