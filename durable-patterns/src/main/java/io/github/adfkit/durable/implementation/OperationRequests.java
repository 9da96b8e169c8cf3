package io.github.adfkit.durable.implementation;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationStatus;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends an asynchronous operation's start, poll and cancel requests, blocking or not, and hands each answer to the
 * operation's {@link OperationPolling} for a decision. The start is sent again, with the same key, on core's
 * {@link WaitLoop} while its answer is not definite; waits go through the {@link SchedulingClock}.
 */
public final class OperationRequests {
    private static final ClientLogger LOGGER = new ClientLogger(OperationRequests.class);
    private static final byte[] NO_BODY = new byte[0];

    private final HttpPipeline pipeline;
    private final SchedulingClock clock;
    private final Backoff backoff;
    private final Duration defaultTimeout;

    /**
     * @param pipeline the HTTP pipeline, without a retry policy (the requests are retried on the clock)
     * @param clock the clock
     * @param backoff the delays when a server gives no {@code Retry-After}
     * @param defaultTimeout the longest wait for an operation unless its options say otherwise
     */
    public OperationRequests(HttpPipeline pipeline, SchedulingClock clock, Backoff backoff, Duration defaultTimeout) {
        this.pipeline = pipeline;
        this.clock = clock;
        this.backoff = backoff;
        this.defaultTimeout = defaultTimeout;
    }

    /**
     * @param options the start request, for its timeout and whether an ambiguous start is repeated
     * @return the state of a new operation to start
     */
    public OperationPolling newOperation(BeginOperationOptions options) {
        Duration timeout = options.getTimeout() != null ? options.getTimeout() : defaultTimeout;
        return OperationPolling.forStart(backoff, clock, timeout, options.isRepeatAmbiguousStart());
    }

    /**
     * @param statusUrl the status URL of a running operation
     * @return the state of an operation polled without starting it
     * @throws IllegalArgumentException if the URL is not absolute http or https
     */
    public OperationPolling existingOperation(String statusUrl) {
        return OperationPolling.forStatusUrl(statusUrl, backoff, clock, defaultTimeout);
    }

    /**
     * Sends the start request, again with the same key while the answer is not definite, and blocks for the
     * operation's first decision.
     *
     * @param start the start request
     * @param polling the operation
     * @param context the pipeline context
     * @return the first decision: done, failed, or again with the first status to poll after
     */
    public WaitStep<OperationStatus> startSync(StartRequest start, OperationPolling polling, Context context) {
        return runBlocking(() -> polling.untilStarted(sendStartSync(start, polling, context)));
    }

    /**
     * Sends the start request, again with the same key while the answer is not definite, without blocking.
     *
     * @param start the start request
     * @param polling the operation
     * @return emits the first decision: done, failed, or again with the first status to poll after
     */
    public Mono<WaitStep<OperationStatus>> startAsync(StartRequest start, OperationPolling polling) {
        return WaitLoop.run(() -> sendStart(start, polling).map(polling::untilStarted), clock);
    }

    /**
     * Polls once now and blocks for the decision.
     *
     * @param polling the operation
     * @param context the pipeline context
     * @return the next step
     */
    public WaitStep<OperationStatus> pollSync(OperationPolling polling, Context context) {
        try (HttpResponse response = pipeline.sendSync(polling.pollRequest(), context)) {
            return polling.onPollResponse(response.getStatusCode(), response.getHeaders(), bytes(response));
        } catch (RuntimeException noResponse) {
            return polling.onPollError(noResponse);
        }
    }

    /**
     * Polls once when subscribed, without blocking.
     *
     * @param polling the operation
     * @return emits the next step
     */
    public Mono<WaitStep<OperationStatus>> pollAsync(OperationPolling polling) {
        return Mono.defer(() -> pipeline.send(polling.pollRequest()))
            .flatMap(response -> body(response).map(body -> polling.onPollResponse(response.getStatusCode(),
                response.getHeaders(), body)))
            .onErrorResume(noResponse -> !(noResponse instanceof Error),
                noResponse -> Mono.just(polling.onPollError(noResponse)));
    }

    /**
     * Cancels the operation and blocks for the answer.
     *
     * @param polling the operation
     * @param context the pipeline context
     */
    public void cancelSync(OperationPolling polling, Context context) {
        HttpRequest request = polling.cancelRequest();
        try (HttpResponse response = pipeline.sendSync(request, context)) {
            polling.onCancelResponse(request, response.getStatusCode(), bytes(response));
        }
    }

    /**
     * Cancels the operation without blocking.
     *
     * @param polling the operation
     * @return completes when the server accepted the cancel request
     */
    public Mono<Void> cancelAsync(OperationPolling polling) {
        return Mono.defer(() -> {
            HttpRequest request = polling.cancelRequest();
            return pipeline.send(request).flatMap(response -> body(response)
                .doOnNext(body -> polling.onCancelResponse(request, response.getStatusCode(), body))).then();
        });
    }

    /**
     * Runs attempts on the calling thread with {@link WaitLoop#runBlocking}, sleeping on the clock in between.
     *
     * @param attempt makes one attempt and returns its decision
     * @param <T> the type of the result
     * @return the result
     * @throws AdfkitException if the thread is interrupted while sleeping
     */
    public <T> T runBlocking(Supplier<WaitStep<T>> attempt) {
        try {
            return WaitLoop.runBlocking(attempt, clock);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    /**
     * Blocks for {@code delay} on the clock.
     *
     * @param delay how long to wait
     * @throws AdfkitException if the thread is interrupted
     */
    public void sleep(Duration delay) {
        try {
            clock.sleep(delay);
        } catch (InterruptedException interrupted) {
            throw interrupted(interrupted);
        }
    }

    /**
     * @return the clock
     */
    public SchedulingClock clock() {
        return clock;
    }

    private WaitStep<OperationStatus> sendStartSync(StartRequest start, OperationPolling polling, Context context) {
        HttpRequest request = start.toHttpRequest();
        try (HttpResponse response = pipeline.sendSync(request, context)) {
            return polling.onStartResponse(request, response.getStatusCode(), response.getHeaders(), bytes(response));
        } catch (RuntimeException noResponse) {
            return polling.onStartError(request, noResponse);
        }
    }

    private Mono<WaitStep<OperationStatus>> sendStart(StartRequest start, OperationPolling polling) {
        return Mono.defer(() -> {
            HttpRequest request = start.toHttpRequest();
            return pipeline.send(request)
                .flatMap(response -> body(response).map(body -> polling.onStartResponse(request,
                    response.getStatusCode(), response.getHeaders(), body)))
                .onErrorResume(noResponse -> !(noResponse instanceof Error),
                    noResponse -> Mono.just(polling.onStartError(request, noResponse)));
        });
    }

    private static RuntimeException interrupted(InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return LOGGER.logExceptionAsError(new AdfkitException("Interrupted while waiting for an asynchronous "
            + "operation; it was not cancelled and may still be running.", interrupted));
    }

    private static byte[] bytes(HttpResponse response) {
        byte[] body = response.getBodyAsBinaryData().toBytes();
        return body == null ? NO_BODY : body;
    }

    private static Mono<byte[]> body(HttpResponse response) {
        return response.getBodyAsByteArray().defaultIfEmpty(NO_BODY).doFinally(ignored -> response.close());
    }
}
