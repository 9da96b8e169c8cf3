package io.github.adfkit.durable.server.models;

/**
 * What a submit does when another operation of the same kind and the same single-flight key is already running.
 */
public enum SingleFlightMode {
    /** The new operation stays {@code Pending} and starts when the running one has finished. */
    QUEUE,
    /**
     * The new operation ends at once with status {@code Conflict} and an error that says so; the caller submits
     * again later (the pattern of seed 001: answer "Conflict" instead of blocking).
     */
    CONFLICT
}
