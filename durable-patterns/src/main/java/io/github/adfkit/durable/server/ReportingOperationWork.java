package io.github.adfkit.durable.server;

/**
 * The work of an operation kind that publishes its progress while it runs, for
 * {@link OperationKind#reporting(String, OperationValidator, ReportingOperationWork)}. Otherwise like
 * {@link OperationWork}.
 *
 * @param <I> the validated input
 */
@FunctionalInterface
public interface ReportingOperationWork<I> {
    /**
     * Does the work.
     *
     * @param input what the validator returned
     * @param progress where to publish progress, shown as {@code "customStatus"}
     * @return the result, shown as {@code "result"} by the status endpoint; may be {@code null}
     * @throws OperationFailedException to fail with a message for the caller
     * @throws Exception any other failure, shown to the caller only as an incident id
     */
    Object execute(I input, OperationProgress progress) throws Exception;
}
