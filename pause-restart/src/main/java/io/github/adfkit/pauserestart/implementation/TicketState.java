package io.github.adfkit.pauserestart.implementation;

/**
 * The life of a restart ticket: {@code PENDING → CLAIMED → USED}, or {@code CLAIMED → FAILED → CLAIMED ...} when
 * Data Factory did not start the run and the person tries again.
 */
public enum TicketState {
    /** Issued, not used yet. */
    PENDING,
    /** A restart holds it and is starting the run. */
    CLAIMED,
    /** The run was started; the run id is recorded. */
    USED,
    /** The last restart could not start the run; the ticket can be claimed again. */
    FAILED
}
