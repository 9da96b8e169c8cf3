package io.github.adfkit.durable.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.ClockDelays;
import io.github.adfkit.core.implementation.PollGate;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.AsyncOperationException.Reason;
import io.github.adfkit.durable.OperationListener;
import io.github.adfkit.durable.models.OperationStatus;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One operation under watch: its polling state, its listener and its running {@link WaitLoop}. Each poll waits for a
 * slot of the watcher's {@link PollGate} and is sent without blocking; between polls the operation holds no thread,
 * only a timer on the shared clock.
 */
public final class WatchedOperation implements SchedulingClock.Cancellable {
    private static final ClientLogger LOGGER = new ClientLogger(WatchedOperation.class);

    private final OperationRequests requests;
    private final PollGate gate;
    private final OperationPolling polling;
    private final OperationListener listener;
    private final Consumer<WatchedOperation> onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Disposable.Swap loop = Disposables.swap();

    /**
     * @param requests sends the polls
     * @param gate bounds the polls in flight, shared by every operation of a watcher
     * @param polling the operation's state
     * @param listener hears the outcome
     * @param onEnd called once when watching ends, however it ends
     */
    public WatchedOperation(OperationRequests requests, PollGate gate, OperationPolling polling,
        OperationListener listener, Consumer<WatchedOperation> onEnd) {
        this.requests = requests;
        this.gate = gate;
        this.polling = polling;
        this.listener = listener;
        this.onEnd = onEnd;
    }

    /**
     * Polls for the first time as soon as the clock runs the task, then as the decisions say.
     */
    public void start() {
        loop.update(ClockDelays.delay(requests.clock(), Duration.ZERO)
            .then(WaitLoop.run(this::gatedPoll, requests.clock()))
            .subscribe(this::finished, this::failed));
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
        loop.dispose();
        return true;
    }

    /**
     * One poll, sent once the gate gives it a slot; the slot is freed when the poll is over. A poll whose watch ended
     * while it queued is not sent, and ends the loop empty.
     */
    private Mono<WaitStep<OperationStatus>> gatedPoll() {
        return Mono.create(sink -> gate.submit(() -> {
            if (ended.get()) {
                gate.release();
                sink.success();
                return;
            }
            requests.pollAsync(polling).doFinally(ignored -> gate.release()).subscribe(sink::success, sink::error);
        }));
    }

    private void finished(OperationStatus status) {
        if (end()) {
            notify(() -> listener.onFinished(status));
        }
    }

    private void failed(Throwable error) {
        AsyncOperationException failure = error instanceof AsyncOperationException known ? known
            : new AsyncOperationException(Reason.NO_RESPONSE, null, null, "Watching "
                + Redaction.url(polling.statusUrl()) + " stopped on an unexpected error: "
                + Redaction.text(String.valueOf(error)), error);
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
