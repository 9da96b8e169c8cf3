package io.github.adfkit.aci.models;

/**
 * What happens to the container group when the job ends. Logs and events are always read first.
 *
 * <p>A group whose container may still be running (a timeout, a cancel) is always at least stopped, so billing
 * stops, whatever the policy.</p>
 */
public enum CleanupPolicy {
    /** Delete the group whatever the outcome (the default). */
    DELETE_ALWAYS,
    /** Delete the group when the job succeeded; keep a failed one (stopped) for a post-mortem. */
    DELETE_ON_SUCCESS,
    /** Stop the group instead of deleting it: billing stops, the group and its events stay. */
    STOP,
    /** Leave the group as it is (a container still running is stopped). */
    KEEP
}
