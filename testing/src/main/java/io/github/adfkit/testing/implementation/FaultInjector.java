package io.github.adfkit.testing.implementation;

import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultMix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Decides, request by request, whether a fake or proxy injects a fault from its {@link FaultMix}. The choice comes
 * from a seeded {@link Random}, so the same seed and the same request order give the same faults.
 */
public final class FaultInjector {
    private Random random = new Random();
    private FaultMix mix = FaultMix.ofRate(0.0);
    private List<FaultKind> kinds = List.of();
    private int injected;

    /**
     * Starts injecting faults.
     *
     * @param seed the random seed
     * @param mix the rate and the kinds of fault
     */
    public synchronized void configure(long seed, FaultMix mix) {
        this.random = new Random(seed);
        this.mix = mix;
        this.kinds = new ArrayList<>(mix.kinds());
    }

    /**
     * Stops injecting faults.
     */
    public synchronized void clear() {
        mix = FaultMix.ofRate(0.0);
        kinds = List.of();
    }

    /**
     * Decides the fate of one request.
     *
     * @return the fault to inject, or empty to let the request through
     */
    public synchronized Optional<FaultAction> next() {
        if (kinds.isEmpty() || mix.rate() <= 0.0 || random.nextDouble() >= mix.rate()) {
            return Optional.empty();
        }
        injected++;
        // With a single kind no extra number is drawn, so a statuses-only mix repeats the sequences of older seeds.
        FaultKind kind = kinds.size() == 1 ? kinds.get(0) : kinds.get(random.nextInt(kinds.size()));
        return Optional.of(switch (kind) {
            case STATUS -> status(mix.statuses().get(random.nextInt(mix.statuses().size())));
            case SLOW -> FaultAction.slow(mix.delay());
            case RESET_BEFORE -> FaultAction.resetBefore();
            case RESET_AFTER -> FaultAction.resetAfter();
            case STALL -> FaultAction.stall();
        });
    }

    /**
     * How many faults were injected so far.
     *
     * @return the count, across configurations
     */
    public synchronized int injectedCount() {
        return injected;
    }

    private static FaultAction status(int status) {
        return FaultAction.status(status, status == 429 ? FaultMix.THROTTLE_RETRY_AFTER : null);
    }
}
