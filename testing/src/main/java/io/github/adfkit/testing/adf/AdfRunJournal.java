package io.github.adfkit.testing.adf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The fake factory's state: every run created, and what the next {@code createRun} calls should do instead of
 * answering at once. Thread-safe.
 */
final class AdfRunJournal {
    private final Map<String, AdfRun> runs = new LinkedHashMap<>();
    private final Deque<CreateRunScript> scripts = new ArrayDeque<>();

    synchronized void script(CreateRunScript script, int times) {
        for (int i = 0; i < times; i++) {
            scripts.addLast(script);
        }
    }

    synchronized CreateRunScript nextScript() {
        CreateRunScript next = scripts.pollFirst();
        return next == null ? CreateRunScript.ANSWER : next;
    }

    synchronized AdfRun create(String subscriptionId, String resourceGroupName, String factoryName,
        String pipelineName, Map<String, Object> parameters) {
        Instant now = Instant.now();
        AdfRun run = new AdfRun(UUID.randomUUID().toString(), subscriptionId, resourceGroupName, factoryName,
            pipelineName, parameters, "InProgress", now, now, null, "");
        runs.put(run.getRunId(), run);
        return run;
    }

    synchronized Optional<AdfRun> find(String factoryName, String runId) {
        return Optional.ofNullable(runs.get(runId)).filter(run -> run.getFactoryName().equalsIgnoreCase(factoryName));
    }

    /**
     * Cancels a run in progress. {@code PipelineRuns_Cancel} in the 2018-06-01 {@code datafactory.json} (example
     * {@code examples/PipelineRuns_Cancel.json}) answers 200 with no body and says nothing of a run that has already
     * ended; the fake answers the same and leaves such a run as it ended, since a run ends once.
     */
    synchronized Optional<AdfRun> cancel(String factoryName, String runId) {
        Optional<AdfRun> cancelled = find(factoryName, runId)
            .map(run -> run.getRunEnd() != null ? run : run.ended("Cancelled", "", Instant.now()));
        cancelled.ifPresent(run -> runs.put(runId, run));
        return cancelled;
    }

    /**
     * Ends a run in progress as {@code Failed}.
     *
     * @return the failed run, or empty if there is no such run
     * @throws IllegalStateException if the run has already ended
     */
    synchronized Optional<AdfRun> fail(String runId, String message) {
        AdfRun run = runs.get(runId);
        if (run == null) {
            return Optional.empty();
        }
        if (run.getRunEnd() != null) {
            throw new IllegalStateException("Pipeline run " + runId + " has already ended: " + run.getStatus() + ".");
        }
        AdfRun failed = run.ended("Failed", message, Instant.now());
        runs.put(runId, failed);
        return Optional.of(failed);
    }

    synchronized List<AdfRun> runs() {
        return List.copyOf(runs.values());
    }

    synchronized List<AdfRun> runsOf(String factoryName) {
        List<AdfRun> matching = new ArrayList<>();
        runs.values().stream().filter(run -> run.getFactoryName().equalsIgnoreCase(factoryName))
            .forEach(matching::add);
        return matching;
    }

    /**
     * What one {@code createRun} call does: answer normally, fail without creating a run, or create the run and
     * answer late.
     */
    static final class CreateRunScript {
        static final CreateRunScript ANSWER = new CreateRunScript(0, Duration.ZERO);

        private final int failureStatus;
        private final Duration delay;

        private CreateRunScript(int failureStatus, Duration delay) {
            this.failureStatus = failureStatus;
            this.delay = delay;
        }

        static CreateRunScript fail(int status) {
            return new CreateRunScript(status, Duration.ZERO);
        }

        static CreateRunScript acceptThenDelay(Duration delay) {
            return new CreateRunScript(0, delay);
        }

        boolean fails() {
            return failureStatus != 0;
        }

        int failureStatus() {
            return failureStatus;
        }

        Duration delay() {
            return delay;
        }
    }
}
