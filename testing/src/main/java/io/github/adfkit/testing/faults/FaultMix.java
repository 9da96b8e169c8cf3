package io.github.adfkit.testing.faults;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.implementation.FakeArguments;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A random mix of faults: the fraction of requests to fail and the kinds of fault to pick from. Immutable; each
 * {@code with...} method returns a new mix.
 *
 * <p>For each request, a seeded random decides whether it fails (with probability {@link #rate()}) and, if so,
 * picks one of the enabled {@link #kinds()} with equal chance, then for {@link FaultKind#STATUS} one of the
 * {@link #statuses()} with equal chance. A 429 carries {@code Retry-After: 1}. The same seed and the same order of
 * requests give the same faults.</p>
 *
 * <pre>{@code
 * FaultMix mix = FaultMix.ofRate(0.3)
 *     .withStatuses(429, 500, 503)
 *     .withResets()
 *     .withSlowAnswers(Duration.ofSeconds(2));
 * aci.injectFaults(mix);                  // ARM fakes and the callback receiver
 * proxy.injectFaults(42L, mix.withResetsAfterForwarding()); // FaultProxy, in front of Azurite or a fake
 * }</pre>
 */
public final class FaultMix {
    /** The seed used when a test names none, so fault sequences repeat from run to run. */
    public static final long DEFAULT_SEED = 20180601L;
    /** The {@code Retry-After} sent with an injected 429. */
    public static final Duration THROTTLE_RETRY_AFTER = Duration.ofSeconds(1);

    private static final ClientLogger LOGGER = new ClientLogger(FaultMix.class);

    private final double rate;
    private final Set<FaultKind> kinds;
    private final List<Integer> statuses;
    private final Duration delay;

    private FaultMix(double rate, Set<FaultKind> kinds, List<Integer> statuses, Duration delay) {
        this.rate = rate;
        this.kinds = kinds;
        this.statuses = statuses;
        this.delay = delay;
    }

    /**
     * Starts a mix that fails a fraction of requests; add at least one kind with the {@code with...} methods.
     *
     * @param rate the fraction of requests to fail, from 0.0 (none) to 1.0 (all)
     * @return a mix without kinds yet
     * @throws IllegalArgumentException if the rate is outside 0.0..1.0
     */
    public static FaultMix ofRate(double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "Fault rate must be between 0.0 and 1.0, was " + rate));
        }
        return new FaultMix(rate, Collections.unmodifiableSet(EnumSet.noneOf(FaultKind.class)), List.of(),
            Duration.ZERO);
    }

    /**
     * Adds {@link FaultKind#STATUS} faults that answer with one of these statuses.
     *
     * @param statuses 4xx or 5xx statuses, at least one
     * @return the new mix
     * @throws IllegalArgumentException if no status is given or one is not a 4xx/5xx
     */
    public FaultMix withStatuses(int... statuses) {
        if (statuses == null || statuses.length == 0) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("Name at least one fault status."));
        }
        List<Integer> checked = IntStream.of(statuses).map(status -> FakeArguments.errorStatus(status, LOGGER)).boxed()
            .collect(Collectors.toUnmodifiableList());
        return new FaultMix(rate, plus(FaultKind.STATUS), checked, delay);
    }

    /**
     * Adds {@link FaultKind#RESET_BEFORE} faults: the connection is reset before the server acts.
     *
     * @return the new mix
     */
    public FaultMix withResets() {
        return new FaultMix(rate, plus(FaultKind.RESET_BEFORE), statuses, delay);
    }

    /**
     * Adds {@link FaultKind#RESET_AFTER} faults: the server acts and answers, and the answer is lost to a reset.
     * Only {@link FaultProxy} injects them.
     *
     * @return the new mix
     */
    public FaultMix withResetsAfterForwarding() {
        return new FaultMix(rate, plus(FaultKind.RESET_AFTER), statuses, delay);
    }

    /**
     * Adds {@link FaultKind#SLOW} faults: the server acts at once and its answer arrives after the delay.
     *
     * @param delay how long the answer is held back; positive
     * @return the new mix
     * @throws IllegalArgumentException if the delay is not positive
     */
    public FaultMix withSlowAnswers(Duration delay) {
        return new FaultMix(rate, plus(FaultKind.SLOW), statuses, FakeArguments.positive(delay, LOGGER));
    }

    /**
     * Adds {@link FaultKind#STALL} faults: no answer until the client gives up. Only {@link FaultProxy} injects them.
     *
     * @return the new mix
     */
    public FaultMix withStalls() {
        return new FaultMix(rate, plus(FaultKind.STALL), statuses, delay);
    }

    /**
     * The fraction of requests that fail.
     *
     * @return from 0.0 to 1.0
     */
    public double rate() {
        return rate;
    }

    /**
     * The kinds of fault picked from.
     *
     * @return the kinds, in {@link FaultKind} order; empty if none was added
     */
    public Set<FaultKind> kinds() {
        return kinds;
    }

    /**
     * The statuses {@link FaultKind#STATUS} faults answer with.
     *
     * @return the statuses; empty unless {@link #withStatuses(int...)} was called
     */
    public List<Integer> statuses() {
        return statuses;
    }

    /**
     * How long {@link FaultKind#SLOW} faults hold the answer back.
     *
     * @return the delay; zero unless {@link #withSlowAnswers(Duration)} was called
     */
    public Duration delay() {
        return delay;
    }

    /**
     * Describes the mix, for test failure messages.
     *
     * @return for example {@code FaultMix[rate=0.3, kinds=[RESET_BEFORE, STATUS], statuses=[503], delay=PT0S]}
     */
    @Override
    public String toString() {
        return "FaultMix[rate=" + rate + ", kinds=" + kinds + ", statuses=" + statuses + ", delay=" + delay + "]";
    }

    private Set<FaultKind> plus(FaultKind kind) {
        EnumSet<FaultKind> more = kinds.isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(kinds);
        more.add(kind);
        return Collections.unmodifiableSet(more);
    }
}
