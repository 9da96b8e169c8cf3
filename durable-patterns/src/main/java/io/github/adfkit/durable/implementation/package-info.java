/**
 * Internals of the asynchronous-operation client. {@code OperationPolling} decides after each answer of one
 * operation (done, failed, or again after a delay, as core's {@code WaitStep}); {@code OperationRequests} sends its
 * start, poll and cancel requests; {@code OperationPollSource} is the operation as core's one {@code SyncPoller}
 * and {@code PollerFlux} read it; {@code WatchedOperation} is one watch of the {@code OperationWatcher}, polled on
 * core's {@code WaitLoop} through its {@code PollGate}; {@code Resubmission} decides the runs of
 * {@code runWithResubmit}. The rest: the start request with its idempotency key ({@code StartRequest}), the typed
 * result or failure of a terminal status ({@code OperationOutcome}), JSON bodies and URLs. Not part of the API: no
 * compatibility guarantee, do not use directly.
 */
package io.github.adfkit.durable.implementation;
