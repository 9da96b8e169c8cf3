package io.github.adfkit.examples.demo;

/**
 * One flow of the tour: plays the pipeline's (or the person's) part against the host and checks what comes back.
 */
interface TourFlow {
    /**
     * @return the flow's name in the summary
     */
    String name();

    /**
     * Runs the flow, narrating each step.
     *
     * @param tour the host, the fakes and the clients
     * @return the outcome in a few words
     * @throws RuntimeException if a step did not give what it should
     */
    String run(TourContext tour);
}
