package io.github.adfkit.durable.server;

/**
 * The work of an operation kind: from validated input to a result that Jackson can serialize to JSON. It runs on
 * the server's executor, never on an HTTP thread. Cancelling the operation interrupts the thread, so long work
 * should let {@link InterruptedException} propagate or check {@link Thread#isInterrupted()}.
 *
 * @param <I> the validated input
 */
@FunctionalInterface
public interface OperationWork<I> {
    /**
     * Does the work.
     *
     * @param input what the validator returned
     * @return the result, shown as {@code "result"} by the status endpoint; may be {@code null}
     * @throws OperationFailedException to fail with a message for the caller
     * @throws Exception any other failure, shown to the caller only as an incident id
     */
    Object execute(I input) throws Exception;
}
