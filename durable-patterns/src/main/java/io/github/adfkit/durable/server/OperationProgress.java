package io.github.adfkit.durable.server;

/**
 * Where running work publishes its progress, shown as {@code "customStatus"} by the status endpoint (the name of
 * Durable Functions' custom status). Each call is one write to the operation store: publish at milestones, not in a
 * tight loop. Progress is advisory: a store fault while publishing is logged, never thrown into the work.
 */
@FunctionalInterface
public interface OperationProgress {
    /**
     * Replaces the published progress.
     *
     * @param customStatus anything Jackson can serialize to JSON (a percentage, a phase name, a small object), or
     *     {@code null} to clear it
     */
    void publish(Object customStatus);
}
