package io.github.adfkit.durable.implementation;

import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.PollerFlux;
import com.azure.core.util.polling.PollingContext;
import io.github.adfkit.durable.models.OperationStatus;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Builds the {@link PollerFlux} of an operation on an {@link OperationPolling}. The waits between polls run on the
 * clock inside each poll, so azure-core's own interval is set to a token millisecond.
 */
public final class OperationPollerFlux {
    private static final Duration TOKEN_INTERVAL = Duration.ofMillis(1);

    private OperationPollerFlux() {
    }

    /**
     * @param engine sends and waits
     * @param polling the operation
     * @param first the step after the start request or the first poll, sent once when first subscribed
     * @param resultType the result type
     * @param <T> the result type
     * @return the poller flux
     */
    public static <T> PollerFlux<OperationStatus, T> create(OperationEngine engine, OperationPolling polling,
        Mono<PollStep> first, Class<T> resultType) {
        return PollerFlux.create(TOKEN_INTERVAL,
            context -> first.map(step -> next(step, PollResponses.placeholder(polling))),
            context -> engine.delay(polling.nextDelay()).then(engine.pollAsync(polling))
                .map(step -> next(step, context.getLatestResponse())),
            (context, latest) -> engine.cancelAsync(polling).then(Mono.justOrEmpty(latest.getValue())),
            context -> Mono.fromCallable(() -> OperationOutcome.result(latestValue(context), resultType)));
    }

    private static PollResponse<OperationStatus> next(PollStep step, PollResponse<OperationStatus> previous) {
        if (step.kind() == PollStep.Kind.FAIL) {
            throw step.failure();
        }
        return PollResponses.from(step, previous);
    }

    private static OperationStatus latestValue(PollingContext<OperationStatus> context) {
        return context.getLatestResponse().getValue();
    }
}
