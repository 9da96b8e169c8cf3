package io.github.adfkit.durable;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.util.Context;
import com.azure.core.util.polling.SyncPoller;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.implementation.SourceSyncPoller;
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

import java.util.Objects;

/**
 * Starts asynchronous HTTP operations and follows them to a typed result: a Durable Functions orchestration, an
 * Azure REST API long-running operation, or any endpoint that answers 202 with a status URL.
 *
 * <p>The start response decides what happens: 200 or 201 with a final body is done at once; 202 with
 * {@code Operation-Location}, {@code Azure-AsyncOperation} or {@code Location}, or any 2xx whose body carries
 * {@code statusQueryGetUri} (Durable) or {@code statusUri}, is polled. Each poll waits as long as the server's
 * {@code retry-after-ms}, {@code x-ms-retry-after-ms} or {@code Retry-After} (seconds or HTTP date) asks, otherwise
 * backs off with jitter up to a cap. The state comes from the body's {@code runtimeStatus} or {@code status} when
 * there is one, so a Durable {@code Failed} returned with HTTP 200 is a failure; otherwise from the HTTP code.
 * 408, 429, 5xx and I/O errors on a poll are retried until the timeout; 404 is "operation not found". When a status
 * monitor ends Succeeded without a {@code result}, the result is fetched: its {@code resourceLocation}, or for a PUT
 * or PATCH the URL that started the operation.</p>
 *
 * <p>Every start carries an {@code Idempotency-Key} (and for POST, PUT and DELETE an {@code Operation-Id}) with the
 * same value; a start that gets no definite answer is sent again with it, so a server that honours the key starts the
 * operation once. See {@link BeginOperationOptions}.</p>
 *
 * <p>Built by {@link AsyncOperationClientBuilder}; immutable and thread-safe. Status URLs carry {@code code=} keys:
 * logs and exception messages show them redacted.</p>
 *
 * <pre>{@code
 * AsyncOperationClient client = new AsyncOperationClientBuilder().buildClient();
 * SyncPoller<OperationStatus, Report> poller = client.beginOperation(
 *     new BeginOperationOptions(HttpMethod.POST, functionAppUrl + "/api/orchestrators/Export"), Report.class);
 * Report report = poller.getFinalResult();
 * }</pre>
 */
@ServiceClient(builder = AsyncOperationClientBuilder.class)
public final class AsyncOperationClient {
    private final OperationRequests requests;
    private final OperationWatcher watcher;

    AsyncOperationClient(OperationRequests requests, int maxConcurrentPolls) {
        this.requests = requests;
        this.watcher = new OperationWatcher(requests, maxConcurrentPolls);
    }

    /**
     * Sends the start request (again, with the same {@code Idempotency-Key}, after 429 and, unless the options turn it
     * off, after no response, 408 or a 5xx other than 501 and 505) and returns a poller for the operation.
     *
     * @param options the start request and timeout
     * @param resultType the type of the final result ({@code JsonNode.class} for the raw JSON)
     * @param <T> the result type
     * @return the poller; {@code getFinalResult()} returns the result or throws {@link AsyncOperationException}
     * @throws AsyncOperationException if the start request was refused, got no response, or named nothing to poll
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public <T> SyncPoller<OperationStatus, T> beginOperation(BeginOperationOptions options, Class<T> resultType) {
        return beginOperation(options, resultType, Context.NONE);
    }

    /**
     * Like {@link #beginOperation(BeginOperationOptions, Class)}, with a context passed through the HTTP pipeline on
     * every request.
     *
     * @param options the start request and timeout
     * @param resultType the type of the final result
     * @param context passed through the HTTP pipeline
     * @param <T> the result type
     * @return the poller
     * @throws AsyncOperationException if the start request was refused, got no response, or named nothing to poll
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public <T> SyncPoller<OperationStatus, T> beginOperation(BeginOperationOptions options, Class<T> resultType,
        Context context) {
        Objects.requireNonNull(options, "'options' cannot be null.");
        Objects.requireNonNull(resultType, "'resultType' cannot be null.");
        return begin(StartRequest.of(options), resultType, context);
    }

    /**
     * Follows an operation that is already running, from its status URL (for example one an ADF pipeline stored),
     * without starting anything. The first poll is sent at once.
     *
     * @param statusUrl the absolute status URL
     * @param resultType the type of the final result
     * @param <T> the result type
     * @return the poller
     * @throws IllegalArgumentException if {@code statusUrl} is not an absolute http or https URL
     * @throws AsyncOperationException if the first poll says the operation does not exist or cannot be read
     */
    @ServiceMethod(returns = ReturnType.LONG_RUNNING_OPERATION)
    public <T> SyncPoller<OperationStatus, T> beginPolling(String statusUrl, Class<T> resultType) {
        Objects.requireNonNull(resultType, "'resultType' cannot be null.");
        OperationPolling polling = requests.existingOperation(statusUrl);
        return poller(polling, requests.pollSync(polling, Context.NONE), resultType, Context.NONE);
    }

    /**
     * Runs an operation until its output is OK: when it completes but its output says it could not proceed (for
     * example {@code "Status": "Conflict"} because another instance holds a lock), it is started again after the
     * policy's delay, up to the policy's attempts and deadline. A run refused as a conflict (adfkit's single-flight
     * {@code Conflict}, a status monitor {@code Failed} with the error code {@code Conflict}, or a start answered 409;
     * see {@link OperationStatus#isConflict()}) is started again the same way. Any other failed run is not
     * re-submitted. Each run sends its own key: the options' key for the first run and {@code key + "." + n} for run
     * {@code n}, or a new random key per run.
     *
     * @param options the start request and the timeout of each run
     * @param policy what "not OK" means, how often and how long to re-submit
     * @param resultType the type of the final result
     * @param <T> the result type
     * @return the OK run's result and every run
     * @throws AsyncOperationException if a run failed, timed out or could not be started
     * @throws ResubmitExhaustedException if no run was OK within the policy's limits
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public <T> ResubmitResult<T> runWithResubmit(BeginOperationOptions options, ResubmitPolicy policy,
        Class<T> resultType) {
        Objects.requireNonNull(policy, "'policy' cannot be null.");
        Objects.requireNonNull(resultType, "'resultType' cannot be null.");
        Objects.requireNonNull(options, "'options' cannot be null.");
        Resubmission resubmission = new Resubmission(policy, requests.clock());
        return requests.runBlocking(() -> resubmission.onFinished(runOnce(options, resubmission), resultType));
    }

    /**
     * @return the run's final status, or the conflict refusal of its start
     */
    private OperationStatus runOnce(BeginOperationOptions options, Resubmission resubmission) {
        try {
            return begin(StartRequest.forRun(options, resubmission.starting()), JsonNode.class, Context.NONE)
                .waitForCompletion().getValue();
        } catch (AsyncOperationException refused) {
            OperationStatus conflict = Resubmission.conflictOf(refused);
            if (conflict == null) {
                throw refused;
            }
            return conflict;
        }
    }

    private <T> SyncPoller<OperationStatus, T> begin(StartRequest start, Class<T> resultType, Context context) {
        OperationPolling polling = requests.newOperation(start.options());
        return poller(polling, requests.startSync(start, polling, context), resultType, context);
    }

    private <T> SyncPoller<OperationStatus, T> poller(OperationPolling polling, WaitStep<OperationStatus> first,
        Class<T> resultType, Context context) {
        return new SourceSyncPoller<>(new OperationPollSource<>(requests, polling, first, resultType, context));
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
