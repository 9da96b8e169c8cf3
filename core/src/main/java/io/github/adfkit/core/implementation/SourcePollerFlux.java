package io.github.adfkit.core.implementation;

import com.azure.core.util.polling.PollerFlux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * adfkit's one way to build a {@link PollerFlux}: on a {@link PollSource}, whose {@code next} does the waiting (on
 * the clock, holding no thread), so azure-core's own interval is a token millisecond.
 */
public final class SourcePollerFlux {
    private static final Duration TOKEN_INTERVAL = Duration.ofMillis(1);

    private SourcePollerFlux() {
    }

    /**
     * @param start starts the wait when the poller is first subscribed and emits its source
     * @param <S> the type of the poll responses' values
     * @param <R> the type of the final result
     * @return the poller
     */
    public static <S, R> PollerFlux<S, R> create(Mono<? extends PollSource<S, R>> start) {
        AtomicReference<PollSource<S, R>> source = new AtomicReference<>();
        return PollerFlux.create(TOKEN_INTERVAL,
            context -> start.map(started -> {
                source.set(started);
                return started.first();
            }),
            context -> source.get().next(context.getLatestResponse()),
            (context, latest) -> source.get().cancelAsync().then(Mono.justOrEmpty(latest.getValue())),
            context -> source.get().finalResult(context.getLatestResponse()));
    }
}
