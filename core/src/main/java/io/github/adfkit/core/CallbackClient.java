package io.github.adfkit.core;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.implementation.CallbackSender;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.core.models.CallbackResult;

/**
 * Answers an ADF WebHook activity: POSTs a {@link CallbackPayload} to the activity's {@code callBackUri} with
 * {@code Content-Type: application/json}, retrying 408, 429, 5xx and I/O errors with backoff (honouring
 * {@code Retry-After}) until a deadline, by default the activity's default timeout of 10 minutes. Other 4xx answers
 * fail at once. Sending the same outcome twice is harmless. The {@code callBackUri} never appears whole in a log line
 * or an exception message.
 *
 * <p>Built by {@link CallbackClientBuilder}; immutable and thread-safe, so create one per process.</p>
 *
 * <pre>{@code
 * CallbackClient callbacks = new CallbackClientBuilder().buildClient();
 * callbacks.send(request.getCallbackUri(), CallbackPayload.success(Map.of("rows", 1200)));
 * }</pre>
 */
@ServiceClient(builder = CallbackClientBuilder.class)
public final class CallbackClient {
    private static final ClientLogger LOGGER = new ClientLogger(CallbackClient.class);

    private final CallbackSender sender;

    CallbackClient(CallbackSender sender) {
        this.sender = sender;
    }

    /**
     * Delivers a callback, blocking until it is delivered or given up.
     *
     * @param callbackUri the activity's {@code callBackUri}
     * @param payload the outcome to report
     * @return how it was delivered
     * @throws InvalidWebhookRequestException if the URI is not allowed by the builder's {@link CallbackUriPolicy}
     * @throws CallbackDeliveryException if ADF refused the callback or the deadline passed
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public CallbackResult send(String callbackUri, CallbackPayload payload) {
        return sendWithResponse(callbackUri, payload, Context.NONE).getValue();
    }

    /**
     * Delivers a callback, blocking until it is delivered or given up, and returns the final HTTP response.
     *
     * @param callbackUri the activity's {@code callBackUri}
     * @param payload the outcome to report
     * @param context passed through the HTTP pipeline
     * @return the final response and how the callback was delivered
     * @throws InvalidWebhookRequestException if the URI is not allowed by the builder's {@link CallbackUriPolicy}
     * @throws CallbackDeliveryException if ADF refused the callback or the deadline passed
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public Response<CallbackResult> sendWithResponse(String callbackUri, CallbackPayload payload, Context context) {
        CallbackSender.Attempts attempts = sender.start(callbackUri, payload);
        try {
            return WaitLoop.runBlocking(() -> attempt(attempts, context), sender.clock());
        } catch (CallbackDeliveryException notDelivered) {
            throw LOGGER.logExceptionAsError(notDelivered);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw LOGGER.logExceptionAsError(new AdfkitException(
                "Interrupted while waiting to retry an ADF callback; it was not delivered.", interrupted));
        }
    }

    private WaitStep<Response<CallbackResult>> attempt(CallbackSender.Attempts attempts, Context context) {
        try (HttpResponse response = sender.sendSync(attempts, context)) {
            return attempts.delivery().onResponse(response.getStatusCode(), response.getHeaders())
                .map(delivered -> new SimpleResponse<>(response.getRequest(), response.getStatusCode(),
                    response.getHeaders(), delivered));
        } catch (RuntimeException noResponse) {
            return attempts.delivery().onError(noResponse).map(none -> null);
        }
    }
}
