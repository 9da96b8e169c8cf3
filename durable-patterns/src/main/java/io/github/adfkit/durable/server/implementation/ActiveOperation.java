package io.github.adfkit.durable.server.implementation;

import java.util.concurrent.Future;

/**
 * An operation this host holds: queued for its single-flight turn, or handed to the executor.
 */
final class ActiveOperation {
    private final String id;
    private final KindDefinition kind;
    private final PreparedOperation prepared;
    private final String singleFlightKeyHash;
    private volatile SingleFlightLeases.Lease lease;
    private volatile Future<?> future;
    private volatile boolean queued;
    private volatile boolean started;

    ActiveOperation(String id, KindDefinition kind, PreparedOperation prepared) {
        this.id = id;
        this.kind = kind;
        this.prepared = prepared;
        String key = prepared.singleFlightKey();
        this.singleFlightKeyHash = kind.singleFlightMode() == null || key == null ? null
            : OperationIds.hashKey(kind.name(), key);
    }

    String id() {
        return id;
    }

    KindDefinition kind() {
        return kind;
    }

    PreparedOperation prepared() {
        return prepared;
    }

    String singleFlightKeyHash() {
        return singleFlightKeyHash;
    }

    SingleFlightLeases.Lease lease() {
        return lease;
    }

    void lease(SingleFlightLeases.Lease newLease) {
        this.lease = newLease;
    }

    Future<?> future() {
        return future;
    }

    void future(Future<?> newFuture) {
        this.future = newFuture;
    }

    boolean queued() {
        return queued;
    }

    void queued(boolean isQueued) {
        this.queued = isQueued;
    }

    boolean started() {
        return started;
    }

    void markStarted() {
        this.started = true;
    }
}
