package io.github.adfkit.durable.server.implementation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The outcomes this host wrote most recently, so that a status read which lands on the host that ran the operation
 * is answered without a store read. Only finished records are kept: nothing changes a finished record but the purge
 * at the end of its retention, which the caller checks against {@link OperationRecord#expiresAt()}.
 */
final class RecentOutcomes {
    private final Map<String, OperationRecord> byId;

    /**
     * @param capacity how many outcomes to keep; the oldest is forgotten first
     */
    RecentOutcomes(int capacity) {
        this.byId = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OperationRecord> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param outcome a record as this host wrote it; ignored unless it is finished
     */
    synchronized void remember(OperationRecord outcome) {
        if (outcome.status().isTerminal()) {
            byId.put(outcome.id(), outcome);
        }
    }

    /**
     * @param id an operation id
     * @return the outcome this host wrote, if it still remembers it
     */
    synchronized Optional<OperationRecord> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
