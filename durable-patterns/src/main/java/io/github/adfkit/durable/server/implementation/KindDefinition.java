package io.github.adfkit.durable.server.implementation;

import io.github.adfkit.durable.server.OperationRequest;
import io.github.adfkit.durable.server.models.SingleFlightMode;

import java.util.function.Function;

/**
 * A registered operation kind, without its input type: what the supervisor needs to validate, run and guard it.
 *
 * @param name the kind's name, as in the submit path
 * @param singleFlightMode what to do when the key is busy; {@code null} if the kind is not single-flight
 * @param rerunAfterHostFailure whether the work may run again when its host died
 * @param preparer validates a submit (throwing for bad input) and captures the typed input
 */
public record KindDefinition(String name, SingleFlightMode singleFlightMode, boolean rerunAfterHostFailure,
    Function<OperationRequest, PreparedOperation> preparer) {
    /**
     * Validates a submit.
     *
     * @param request what the caller submitted
     * @return the operation, ready to run
     */
    public PreparedOperation prepare(OperationRequest request) {
        return preparer.apply(request);
    }
}
