package io.github.adfkit.durable.implementation;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.ClockDelays;
import io.github.adfkit.durable.models.BeginOperationOptions;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Sends the requests of asynchronous operations and feeds the answers to their {@link OperationPolling}, blocking
 * or not. Waits go through the {@link SchedulingClock}: the blocking path sleeps on it, the non-blocking path
 * schedules on it and holds no thread.
 */
public final class OperationEngine {
    private static final ClientLogger LOGGER = new ClientLogger(OperationEngine.class);
    private static final byte[] NO_BODY = new byte[0];

    private final HttpPipeline pipeline;
    private final SchedulingClock clock;
    private final Backoff backoff;
    private final Duration defaultTimeout;

    /**
     * @param pipeline the HTTP pipeline, without a retry policy (this engine retries with the clock)
     * @param clock the clock
     * @param backoff the delays when a server gives no {@code Retry-After}
     * @param defaultTimeout the longest wait for an operation unless its options say otherwise
     */
    public OperationEngine(HttpPipeline pipeline, SchedulingClock clock, Backoff backoff, Duration defaultTimeout) {
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
     * decision.
     *
     * @param start the start request
     * @param polling the operation
     * @param context the pipeline context
     * @return a DONE, POLL or FAIL step
     */
    public PollStep startSync(StartRequest start, OperationPolling polling, Context context) {
        while (true) {
            HttpRequest request = start.toHttpRequest();
            PollStep step;
            try (HttpResponse response = pipeline.sendSync(request, context)) {
                step = polling.onStartResponse(request, response.getStatusCode(), response.getHeaders(),
                    bytes(response));
            } catch (RuntimeException noResponse) {
                step = polling.onStartError(request, noResponse);
            }
            if (step.kind() != PollStep.Kind.RESTART) {
                return step;
            }
            sleep(step.delay());
        }
    }

    /**
     * Sends the start request, again with the same key while the answer is not definite, without blocking.
     *
     * @param start the start request
     * @param polling the operation
     * @return emits a DONE, POLL or FAIL step
     */
    public Mono<PollStep> startAsync(StartRequest start, OperationPolling polling) {
        return Mono.defer(() -> {
            HttpRequest request = start.toHttpRequest();
            return pipeline.send(request)
                .flatMap(response -> body(response).map(body -> polling.onStartResponse(request,
                    response.getStatusCode(), response.getHeaders(), body)))
                .onErrorResume(noResponse -> !(noResponse instanceof Error),
                    noResponse -> Mono.just(polling.onStartError(request, noResponse)));
        }).flatMap(step -> step.kind() == PollStep.Kind.RESTART
            ? delay(step.delay()).then(startAsync(start, polling)) : Mono.just(step));
    }

    /**
     * Polls once now and blocks for the decision.
     *
     * @param polling the operation
     * @param context the pipeline context
     * @return the next step
     */
    public PollStep pollSync(OperationPolling polling, Context context) {
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
    public Mono<PollStep> pollAsync(OperationPolling polling) {
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
     * @param delay how long to wait
     * @return completes after {@code delay} on the clock, holding no thread
     */
    public Mono<Void> delay(Duration delay) {
        return ClockDelays.delay(clock, delay);
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
            Thread.currentThread().interrupt();
            throw LOGGER.logExceptionAsError(new AdfkitException("Interrupted while waiting for an asynchronous "
                + "operation; it was not cancelled and may still be running.", interrupted));
        }
    }

    /**
     * @return the clock
     */
    public SchedulingClock clock() {
        return clock;
    }

    private static byte[] bytes(HttpResponse response) {
        byte[] body = response.getBodyAsBinaryData().toBytes();
        return body == null ? NO_BODY : body;
    }

    private static Mono<byte[]> body(HttpResponse response) {
        return response.getBodyAsByteArray().defaultIfEmpty(NO_BODY).doFinally(ignored -> response.close());
    }
}
