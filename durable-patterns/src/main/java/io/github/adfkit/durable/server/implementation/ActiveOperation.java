package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.Telemetry;

import java.util.concurrent.Future;

/**
 * An operation this host holds (its record under this host's lease): queued for its single-flight turn, or handed
 * to the executor.
 */
final class ActiveOperation {
    private final String id;
    private final KindDefinition kind;
    private final PreparedOperation prepared;
    private final LeasedRow record;
    private final String singleFlightKeyHash;
    private volatile LeasedRow singleFlight;
    private volatile Future<?> future;
    private volatile boolean queued;
    private volatile boolean started;
    private volatile Telemetry.Flow flow;

    ActiveOperation(String id, KindDefinition kind, PreparedOperation prepared, LeasedRow record) {
        this.id = id;
        this.kind = kind;
        this.prepared = prepared;
        this.record = record;
        this.singleFlightKeyHash = singleFlightKeyHash(kind, prepared);
    }

    /**
     * @param kind the operation kind
     * @param prepared the validated input
     * @return the hashed single-flight key, or {@code null} if the operation has none
     */
    static String singleFlightKeyHash(KindDefinition kind, PreparedOperation prepared) {
        String key = prepared.singleFlightKey();
        return kind.singleFlightMode() == null || key == null ? null : OperationIds.hashKey(kind.name(), key);
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

    LeasedRow record() {
        return record;
    }

    String singleFlightKeyHash() {
        return singleFlightKeyHash;
    }

    LeasedRow singleFlight() {
        return singleFlight;
    }

    void singleFlight(LeasedRow lease) {
        this.singleFlight = lease;
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

    Telemetry.Flow flow() {
        return flow;
    }

    void flow(Telemetry.Flow span) {
        this.flow = span;
    }

    boolean started() {
        return started;
    }

    void markStarted() {
        this.started = true;
    }
}
