package io.github.adfkit.durable.server;

import com.azure.core.annotation.Immutable;
import io.github.adfkit.durable.server.implementation.KindDefinition;
import io.github.adfkit.durable.server.implementation.PreparedOperation;
import io.github.adfkit.durable.server.models.SingleFlightMode;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A kind of operation the server runs: its name (the last segment of the submit path), a validator for what
 * callers submit and the work itself. Optionally single-flight (one running operation per key) and re-runnable
 * after a host failure.
 *
 * <pre>{@code
 * OperationKind<DateRange> query = OperationKind.of("query", DateRange::fromRequest, range -> audit.countIds(range))
 *     .withSingleFlight(range -> "audit", SingleFlightMode.CONFLICT);
 * }</pre>
 *
 * @param <I> the validated input
 */
@Immutable
public final class OperationKind<I> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    private final String name;
    private final OperationValidator<I> validator;
    private final ReportingOperationWork<I> work;
    private final Function<? super I, String> singleFlightKey;
    private final SingleFlightMode singleFlightMode;
    private final boolean rerunAfterHostFailure;

    private OperationKind(String name, OperationValidator<I> validator, ReportingOperationWork<I> work,
        Function<? super I, String> singleFlightKey, SingleFlightMode singleFlightMode,
        boolean rerunAfterHostFailure) {
        this.name = name;
        this.validator = validator;
        this.work = work;
        this.singleFlightKey = singleFlightKey;
        this.singleFlightMode = singleFlightMode;
        this.rerunAfterHostFailure = rerunAfterHostFailure;
    }

    /**
     * Defines an operation kind that runs as often as it is submitted and is marked Failed if its host dies.
     *
     * @param name 1 to 64 letters, digits, {@code -} or {@code _}, starting with a letter or digit
     * @param validator checks what callers submit
     * @param work does the operation
     * @param <I> the validated input
     * @return the kind
     * @throws IllegalArgumentException if the name is not allowed
     */
    public static <I> OperationKind<I> of(String name, OperationValidator<I> validator, OperationWork<I> work) {
        Objects.requireNonNull(work, "'work' cannot be null.");
        return reporting(name, validator, (input, progress) -> work.execute(input));
    }

    /**
     * Defines an operation kind whose work publishes its progress, shown as {@code "customStatus"} by the status
     * endpoint; otherwise like {@link #of(String, OperationValidator, OperationWork)}.
     *
     * @param name 1 to 64 letters, digits, {@code -} or {@code _}, starting with a letter or digit
     * @param validator checks what callers submit
     * @param work does the operation and publishes its progress
     * @param <I> the validated input
     * @return the kind
     * @throws IllegalArgumentException if the name is not allowed
     */
    public static <I> OperationKind<I> reporting(String name, OperationValidator<I> validator,
        ReportingOperationWork<I> work) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("An operation kind name is 1 to 64 letters, digits, '-' or '_', "
                + "starting with a letter or digit.");
        }
        return new OperationKind<>(name, Objects.requireNonNull(validator, "'validator' cannot be null."),
            Objects.requireNonNull(work, "'work' cannot be null."), null, null, false);
    }

    /**
     * Returns a copy that runs one operation at a time per key, across every host sharing the store. The key is
     * derived from the validated input (return a constant for "one at a time, whatever the input"); a {@code null}
     * key means this input is not guarded.
     *
     * @param keyOf the single-flight key of an input
     * @param mode whether a busy key queues the new operation or ends it with status {@code Conflict}
     * @return the new kind
     */
    public OperationKind<I> withSingleFlight(Function<? super I, String> keyOf, SingleFlightMode mode) {
        return new OperationKind<>(name, validator, work, Objects.requireNonNull(keyOf, "'keyOf' cannot be null."),
            Objects.requireNonNull(mode, "'mode' cannot be null."), rerunAfterHostFailure);
    }

    /**
     * Returns a copy whose operations are run again (up to three attempts in all) when the host running them
     * died, instead of being marked Failed. Only for work that is safe to repeat.
     *
     * @param rerun whether the work may run again
     * @return the new kind
     */
    public OperationKind<I> withRerunAfterHostFailure(boolean rerun) {
        return new OperationKind<>(name, validator, work, singleFlightKey, singleFlightMode, rerun);
    }

    /**
     * @return the kind's name
     */
    public String getName() {
        return name;
    }

    /**
     * @return the single-flight mode, or {@code null} if the kind is not single-flight
     */
    public SingleFlightMode getSingleFlightMode() {
        return singleFlightMode;
    }

    /**
     * @return whether operations are re-run after their host died
     */
    public boolean isRerunAfterHostFailure() {
        return rerunAfterHostFailure;
    }

    KindDefinition toDefinition() {
        return new KindDefinition(name, singleFlightMode, rerunAfterHostFailure, request -> {
            I input = Objects.requireNonNull(validator.validate(request),
                "The validator of operation kind '" + name + "' returned null.");
            String key = singleFlightKey == null ? null : singleFlightKey.apply(input);
            return new PreparedOperation() {
                @Override
                public String singleFlightKey() {
                    return key;
                }

                @Override
                public Object execute(OperationProgress progress) throws Exception {
                    return work.execute(input, progress);
                }
            };
        });
    }
}
