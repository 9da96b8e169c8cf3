package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.durable.server.OperationProgress;

/**
 * A validated submit, ready to run: the typed input is captured inside.
 */
public interface PreparedOperation {
    /**
     * @return the raw single-flight key of this input, or {@code null} if the kind is not single-flight
     */
    String singleFlightKey();

    /**
     * Runs the work.
     *
     * @param progress where the work publishes its progress
     * @return the result
     * @throws Exception whatever the work throws
     */
    Object execute(OperationProgress progress) throws Exception;
}
