package io.github.adfkit.durable.server;

/**
 * Turns what a caller submitted into the input of an operation, or refuses it. It runs on the HTTP thread before
 * anything is stored, so it must be quick and must not have side effects; it may run again, on another host, when
 * an operation is re-run after its host died.
 *
 * @param <I> the validated input
 */
@FunctionalInterface
public interface OperationValidator<I> {
    /**
     * Validates a submit.
     *
     * @param request the query parameters and body
     * @return the input for the work; not {@code null}
     * @throws InvalidOperationInputException if the parameters are wrong (answered with 400)
     */
    I validate(OperationRequest request);
}
