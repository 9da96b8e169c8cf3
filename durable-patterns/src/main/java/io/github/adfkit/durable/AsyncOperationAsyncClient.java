package io.github.adfkit.durable;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.PollerFlux;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.durable.implementation.OperationEngine;
import io.github.adfkit.durable.implementation.OperationPollerFlux;
import io.github.adfkit.durable.implementation.OperationPolling;
import io.github.adfkit.durable.implementation.Resubmission;
import io.github.adfkit.durable.implementation.StartRequest;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.durable.models.ResubmitPolicy;
import io.github.adfkit.durable.models.ResubmitResult;
import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.Optional;

/**
 * The non-blocking {@link AsyncOperationClient}: the same rules, but every wait is a timer on the builder's clock and
 * every request is sent without blocking, so many operations share a few threads. Nothing is sent until the
 * returned publisher is subscribed; subscribe to each {@link PollerFlux} once.
 *
 * <p>Built by {@link AsyncOperationClientBuilder#buildAsyncClient()}; immutable and thread-safe.</p>
 */
@ServiceClient(builder = AsyncOperationClientBuilder.class, isAsync = true)
public final class AsyncOperationAsyncClient {
    private final OperationEngine engine;
    private final OperationWatcher watcher;

    AsyncOperationAsyncClient(OperationEngine engine, int maxConcurrentPolls) {
        this.engine = engine;
        this.watcher = new OperationWatcher(engine, maxConcurrentPolls);
    }

    /**
     * Starts an operation when subscribed and follows it.
     *
     * @param options the start request and timeout
     * @param resultType the type of the final result ({@code JsonNode.class} for the raw JSON)
     * @param <T> the result type
     * @return the poller flux; it errors with {@link AsyncOperationException} when the start is refused, the
     *     operation is not found or the timeout passes
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public <T> PollerFlux<OperationStatus, T> beginOperation(BeginOperationOptions options, Class<T> resultType) {
        Objects.requireNonNull(options, "'options' cannot be null.");
        Objects.requireNonNull(resultType, "'resultType' cannot be null.");
        return begin(StartRequest.of(options), resultType);
    }

    /**
     * Follows an operation that is already running, from its status URL, without starting anything.
     *
     * @param statusUrl the absolute status URL
     * @param resultType the type of the final result
     * @param <T> the result type
     * @return the poller flux
     * @throws IllegalArgumentException if {@code statusUrl} is not an absolute http or https URL
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public <T> PollerFlux<OperationStatus, T> beginPolling(String statusUrl, Class<T> resultType) {
        Objects.requireNonNull(resultType, "'resultType' cannot be null.");
        OperationPolling polling = engine.existingOperation(statusUrl);
        return OperationPollerFlux.create(engine, polling, engine.pollAsync(polling), resultType);
    }

    /**
     * Runs an operation until its output is OK, re-submitting it as {@link ResubmitPolicy} says; see
     * {@link AsyncOperationClient#runWithResubmit}.
     *
     * @param options the start request and the timeout of each run
     * @param policy what "not OK" means, how often and how long to re-submit
     * @param resultType the type of the final result
     * @param <T> the result type
     * @return emits the OK run's result and every run, or errors with {@link AsyncOperationException} or
     *     {@link ResubmitExhaustedException}
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public <T> Mono<ResubmitResult<T>> runWithResubmit(BeginOperationOptions options, ResubmitPolicy policy,
        Class<T> resultType) {
        Objects.requireNonNull(options, "'options' cannot be null.");
        Objects.requireNonNull(policy, "'policy' cannot be null.");
        Objects.requireNonNull(resultType, "'resultType' cannot be null.");
        return Mono.defer(() -> run(options, new Resubmission(policy, engine.clock()), resultType));
    }

    private <T> Mono<ResubmitResult<T>> run(BeginOperationOptions options, Resubmission resubmission,
        Class<T> resultType) {
        return Mono.defer(() -> begin(StartRequest.forRun(options, resubmission.starting()), JsonNode.class).last()
            .map(AsyncPollResponse::getValue)
            .onErrorResume(AsyncOperationException.class, refused -> Mono.justOrEmpty(Resubmission.conflictOf(refused))
                .switchIfEmpty(Mono.error(refused))))
            .flatMap(finalStatus -> Mono.fromCallable(
                () -> Optional.ofNullable(resubmission.onFinished(finalStatus))))
            .flatMap(delay -> delay.isEmpty() ? Mono.fromCallable(() -> resubmission.result(resultType))
                : engine.delay(delay.get()).then(run(options, resubmission, resultType)));
    }

    private <T> PollerFlux<OperationStatus, T> begin(StartRequest start, Class<T> resultType) {
        OperationPolling polling = engine.newOperation(start.options());
        return OperationPollerFlux.create(engine, polling, engine.startAsync(start, polling), resultType);
    }

    /**
     * @return the watcher that follows many of this client's operations at once from their status URLs, with the
     *     client's pipeline, backoff, timeout and {@link AsyncOperationClientBuilder#maxConcurrentPolls(int)}; one
     *     per client
     */
    public OperationWatcher getWatcher() {
        return watcher;
    }
}
