package io.github.adfkit.core;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import io.github.adfkit.core.implementation.CallbackSender;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.core.models.CallbackResult;
import reactor.core.publisher.Mono;

/**
 * The non-blocking {@link CallbackClient}: the same delivery rules, but the waits between attempts hold no thread,
 * so a host can have thousands of callbacks in flight on a few threads.
 *
 * <p>Built by {@link CallbackClientBuilder#buildAsyncClient()}; immutable and thread-safe.</p>
 */
@ServiceClient(builder = CallbackClientBuilder.class, isAsync = true)
public final class CallbackAsyncClient {
    private final CallbackSender sender;

    CallbackAsyncClient(CallbackSender sender) {
        this.sender = sender;
    }

    /**
     * Delivers a callback. Nothing is sent until the returned {@code Mono} is subscribed.
     *
     * @param callbackUri the activity's {@code callBackUri}
     * @param payload the outcome to report
     * @return emits how it was delivered, or errors with {@link CallbackDeliveryException} or
     *     {@link InvalidWebhookRequestException}
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public Mono<CallbackResult> send(String callbackUri, CallbackPayload payload) {
        return Mono.defer(() -> {
            CallbackSender.Attempts attempts = sender.start(callbackUri, payload);
            return WaitLoop.run(() -> attempt(attempts), sender.clock());
        });
    }

    private Mono<WaitStep<CallbackResult>> attempt(CallbackSender.Attempts attempts) {
        return sender.send(attempts)
            .map(response -> {
                try (response) {
                    return attempts.delivery().onResponse(response.getStatusCode(), response.getHeaders());
                }
            })
            .onErrorResume(noResponse -> Mono.just(attempts.delivery().onError(noResponse)));
    }
}
