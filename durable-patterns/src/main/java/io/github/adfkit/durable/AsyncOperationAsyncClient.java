package io.github.adfkit.durable;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.util.Context;
import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.PollerFlux;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.implementation.SourcePollerFlux;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.durable.implementation.OperationPollSource;
import io.github.adfkit.durable.implementation.OperationPolling;
import io.github.adfkit.durable.implementation.OperationRequests;
import io.github.adfkit.durable.implementation.Resubmission;
import io.github.adfkit.durable.implementation.StartRequest;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationStatus;
import io.github.adfkit.durable.models.ResubmitPolicy;
import io.github.adfkit.durable.models.ResubmitResult;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * The non-blocking {@link AsyncOperationClient}: the same rules, but every wait is a timer on the builder's clock and
 * every request is sent without blocking, so many operations share a few threads. Nothing is sent until the
 * returned publisher is subscribed; subscribe to each {@link PollerFlux} once.
 *
 * <p>Built by {@link AsyncOperationClientBuilder#buildAsyncClient()}; immutable and thread-safe.</p>
 */
@ServiceClient(builder = AsyncOperationClientBuilder.class, isAsync = true)
public final class AsyncOperationAsyncClient {
    private final OperationRequests requests;
    private final OperationWatcher watcher;

    AsyncOperationAsyncClient(OperationRequests requests, int maxConcurrentPolls) {
        this.requests = requests;
        this.watcher = new OperationWatcher(requests, maxConcurrentPolls);
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
        OperationPolling polling = requests.existingOperation(statusUrl);
        return poller(polling, requests.pollAsync(polling), resultType);
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
        return Mono.defer(() -> {
            Resubmission resubmission = new Resubmission(policy, requests.clock());
            return WaitLoop.run(() -> runOnce(options, resubmission)
                .map(finalStatus -> resubmission.onFinished(finalStatus, resultType)), requests.clock());
        });
    }

    /**
     * @return emits the run's final status, or the conflict refusal of its start
     */
    private Mono<OperationStatus> runOnce(BeginOperationOptions options, Resubmission resubmission) {
        return Mono.defer(() -> begin(StartRequest.forRun(options, resubmission.starting()), JsonNode.class).last()
            .map(AsyncPollResponse::getValue)
            .onErrorResume(AsyncOperationException.class, refused -> Mono.justOrEmpty(Resubmission.conflictOf(refused))
                .switchIfEmpty(Mono.error(refused))));
    }

    private <T> PollerFlux<OperationStatus, T> begin(StartRequest start, Class<T> resultType) {
        OperationPolling polling = requests.newOperation(start.options());
        return poller(polling, requests.startAsync(start, polling), resultType);
    }

    private <T> PollerFlux<OperationStatus, T> poller(OperationPolling polling, Mono<WaitStep<OperationStatus>> first,
        Class<T> resultType) {
        return SourcePollerFlux.create(first.map(step -> new OperationPollSource<>(requests, polling, step, resultType,
            Context.NONE)));
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
