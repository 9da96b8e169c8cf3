package io.github.adfkit.durable.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.AsyncOperationException.Reason;
import io.github.adfkit.durable.OperationListener;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One operation under watch: its polling state, its listener and its next timer. Each poll is scheduled on the
 * shared clock and sent without blocking; between polls the operation holds no thread.
 */
public final class WatchedOperation implements SchedulingClock.Cancellable {
    private static final ClientLogger LOGGER = new ClientLogger(WatchedOperation.class);

    private final OperationEngine engine;
    private final PollGate gate;
    private final OperationPolling polling;
    private final OperationListener listener;
    private final Consumer<WatchedOperation> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile SchedulingClock.Cancellable timer;

    /**
     * @param engine sends and schedules
     * @param gate bounds the polls in flight, shared by every operation of a watcher
     * @param polling the operation's state
     * @param listener hears the outcome
     * @param onEnd called once when watching ends, however it ends
     */
    public WatchedOperation(OperationEngine engine, PollGate gate, OperationPolling polling,
        OperationListener listener, Consumer<WatchedOperation> onEnd) {
        this.engine = engine;
        this.gate = gate;
        this.polling = polling;
        this.listener = listener;
        this.onEnd = onEnd;
    }

    /**
     * Polls for the first time, as soon as possible.
     */
    public void start() {
        schedule(Duration.ZERO);
    }

    /**
     * Stops watching; the remote operation is not cancelled.
     *
     * @return {@code true} if this call stopped it, {@code false} if it had ended already
     */
    @Override
    public boolean cancel() {
        if (!end()) {
            return false;
        }
        SchedulingClock.Cancellable pending = timer;
        if (pending != null) {
            pending.cancel();
        }
        return true;
    }

    private void schedule(Duration delay) {
        if (!ended.get()) {
            timer = engine.clock().schedule(delay, this::poll);
        }
    }

    private void poll() {
        if (!ended.get()) {
            gate.submit(this::send);
        }
    }

    private void send() {
        if (ended.get()) {
            gate.release();
            return;
        }
        engine.pollAsync(polling).doFinally(ignored -> gate.release()).subscribe(this::onStep, this::onUnexpected);
    }

    private void onStep(PollStep step) {
        switch (step.kind()) {
            case DONE -> {
                if (end()) {
                    notify(() -> listener.onFinished(step.status()));
                }
            }
            case FAIL -> fail(step.failure());
            default -> schedule(step.delay());
        }
    }

    private void onUnexpected(Throwable error) {
        fail(new AsyncOperationException(Reason.NO_RESPONSE, null, null, "Watching "
            + Redaction.url(polling.statusUrl()) + " stopped on an unexpected error: "
            + Redaction.text(String.valueOf(error)), error));
    }

    private void fail(AsyncOperationException failure) {
        if (end()) {
            notify(() -> listener.onError(failure));
        }
    }

    private boolean end() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        onEnd.accept(this);
        return true;
    }

    private void notify(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException listenerFailure) {
            LOGGER.atWarning().addKeyValue("statusUrl", Redaction.url(polling.statusUrl()))
                .log("An OperationListener threw; the operation's outcome was delivered once and is not retried.",
                    listenerFailure);
        }
    }
}
