package io.github.adfkit.durable.models;

import com.azure.core.annotation.Immutable;

import java.util.List;

/**
 * The outcome of an operation run under a {@link ResubmitPolicy}: the result of the run whose output was OK, and
 * every run it took.
 *
 * @param <T> the result type
 */
@Immutable
public final class ResubmitResult<T> {
    private final T value;
    private final List<ResubmitAttempt> attempts;

    /**
     * Creates a result; adfkit creates these, tests may create their own.
     *
     * @param value the result of the last run
     * @param attempts every run, in order; the last one was OK
     */
    public ResubmitResult(T value, List<ResubmitAttempt> attempts) {
        this.value = value;
        this.attempts = List.copyOf(attempts);
    }

    /**
     * @return the result of the run whose output was OK
     */
    public T getValue() {
        return value;
    }

    /**
     * @return every run, in order; the last one was OK
     */
    public List<ResubmitAttempt> getAttempts() {
        return attempts;
    }
}
