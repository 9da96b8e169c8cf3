package io.github.adfkit.durable;

import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.durable.models.ResubmitAttempt;
import io.github.adfkit.durable.models.ResubmitPolicy;

import java.util.List;

/**
 * Every run allowed by a {@link ResubmitPolicy} completed, but none had an OK output. {@link #getAttempts()} lists
 * them all.
 */
public final class ResubmitExhaustedException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    private final transient List<ResubmitAttempt> attempts;

    /**
     * @param message the explanation, with URLs redacted
     * @param attempts every run, in order
     */
    public ResubmitExhaustedException(String message, List<ResubmitAttempt> attempts) {
        super(message);
        this.attempts = List.copyOf(attempts);
    }

    /**
     * @return every run, in order
     */
    public List<ResubmitAttempt> getAttempts() {
        return attempts;
    }
}
