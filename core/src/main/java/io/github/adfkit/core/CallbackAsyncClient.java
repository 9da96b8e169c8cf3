package io.github.adfkit.core;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import io.github.adfkit.core.implementation.CallbackDelivery;
import io.github.adfkit.core.implementation.CallbackSender;
import io.github.adfkit.core.implementation.ClockDelays;
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
        return Mono.defer(() -> attempt(sender.start(callbackUri, payload)));
    }

    private Mono<CallbackResult> attempt(CallbackSender.Attempts attempts) {
        return sender.send(attempts)
            .map(response -> {
                try (response) {
                    return attempts.delivery().onResponse(response.getStatusCode(), response.getHeaders());
                }
            })
            .onErrorResume(noResponse -> Mono.just(attempts.delivery().onError(noResponse)))
            .flatMap(step -> next(attempts, step));
    }

    private Mono<CallbackResult> next(CallbackSender.Attempts attempts, CallbackDelivery.Step step) {
        if (step.result() != null) {
            return Mono.just(step.result());
        }
        if (step.failure() != null) {
            return Mono.error(step.failure());
        }
        return ClockDelays.delay(sender.clock(), step.delay()).then(Mono.defer(() -> attempt(attempts)));
    }
}
