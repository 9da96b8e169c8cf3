package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.core.AdfkitException;

/**
 * An Idempotency-Key (or Operation-Id) that started an operation with another input: the submit is refused and
 * nothing is stored.
 */
public final class IdempotencyKeyReusedException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with the message the caller sees.
     */
    public IdempotencyKeyReusedException() {
        super("This Idempotency-Key was used for an operation with different parameters; use a new key for a new "
            + "operation.");
    }
}
