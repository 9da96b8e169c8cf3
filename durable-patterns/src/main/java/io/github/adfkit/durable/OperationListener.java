package io.github.adfkit.durable;

import io.github.adfkit.durable.models.OperationStatus;

/**
 * Hears how a watched operation ended. Exactly one method is called, once. Both run on an I/O or scheduler thread
 * shared by every watched operation: return quickly and hand long work to your own executor.
 */
public interface OperationListener {
    /**
     * The operation reached a terminal state: Completed or Succeeded, or Failed, Canceled or Terminated
     * ({@link io.github.adfkit.durable.models.OperationRuntimeStatus#isSuccess()} tells which).
     *
     * @param status the final status, with the result or the failure details
     */
    void onFinished(OperationStatus status);

    /**
     * Watching ended without a final status: not found, refused, unreadable answers, or the timeout passed.
     *
     * @param error what happened
     */
    void onError(AsyncOperationException error);
}
