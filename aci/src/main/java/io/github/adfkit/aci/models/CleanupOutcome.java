package io.github.adfkit.aci.models;

/**
 * What cleanup did to the container group.
 */
public enum CleanupOutcome {
    /** The group was deleted, and a GET confirmed that it is gone. */
    DELETED,
    /** The group was stopped: billing stopped, the group remains. */
    STOPPED,
    /** The group was left as it was, as the cleanup policy asked. */
    KEPT,
    /** There was no group to clean up (it was never created, or someone else deleted it). */
    NOTHING_TO_CLEAN,
    /**
     * Cleanup failed: the group still exists although it should have been deleted or stopped. It may keep costing
     * money; {@link ContainerJobResult#getCleanupMessage()} says what to do.
     */
    LEAKED
}
