package io.github.adfkit.testing.aci;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a container group created on {@link AciFakeServer} behaves: how long it stays pending (image pull), how long
 * its container runs, its exit code and output, or which failure it shows. Immutable; the {@code with*} methods
 * return a new scenario.
 *
 * <pre>{@code
 * aci.defaultScenario(AciScenario.runsFor(Duration.ofHours(1)).withExitCode(3).withLogs("loading", "boom"));
 * aci.scenarioFor("nightly-report", AciScenario.imagePullFailure());
 * }</pre>
 */
public final class AciScenario {
    /** How long a group stays pending unless told otherwise. */
    public static final Duration DEFAULT_PENDING = Duration.ofSeconds(10);

    /** The ways a scenario can fail. */
    enum Failure {
        NONE, IMAGE_PULL_FAILURE, INACCESSIBLE_IMAGE, QUOTA_EXCEEDED, OOM_KILLED
    }

    private final Duration pending;
    private final Duration running;
    private final int exitCode;
    private final List<String> logs;
    private final Duration logLineInterval;
    private final Failure failure;
    private final boolean deleteIgnored;

    private AciScenario(Duration pending, Duration running, int exitCode, List<String> logs,
        Duration logLineInterval, Failure failure, boolean deleteIgnored) {
        this.pending = pending;
        this.running = running;
        this.exitCode = exitCode;
        this.logs = logs;
        this.logLineInterval = logLineInterval;
        this.failure = failure;
        this.deleteIgnored = deleteIgnored;
    }

    /**
     * A container that is pending for {@link #DEFAULT_PENDING}, runs for {@code duration}, prints two lines and
     * exits with code 0.
     *
     * @param duration how long the container runs
     * @return the scenario
     */
    public static AciScenario runsFor(Duration duration) {
        Objects.requireNonNull(duration, "'duration' cannot be null.");
        return new AciScenario(DEFAULT_PENDING, duration, 0, List.of("job started", "job finished"), Duration.ZERO,
            Failure.NONE, false);
    }

    /**
     * After the pending time, provisioning fails: the container stays {@code Waiting}, a {@code Failed} warning event
     * says the image could not be pulled, and {@code provisioningState} becomes {@code Failed}.
     *
     * @return the scenario
     */
    public static AciScenario imagePullFailure() {
        return runsFor(Duration.ZERO).with(Failure.IMAGE_PULL_FAILURE);
    }

    /**
     * The create request is refused with 400 {@code InaccessibleImage}; no group is created.
     *
     * @return the scenario
     */
    public static AciScenario inaccessibleImage() {
        return runsFor(Duration.ZERO).with(Failure.INACCESSIBLE_IMAGE);
    }

    /**
     * The create request is refused with 409 {@code ServiceUnavailable}: the region's container group quota is used
     * up; no group is created.
     *
     * @return the scenario
     */
    public static AciScenario quotaExceeded() {
        return runsFor(Duration.ZERO).with(Failure.QUOTA_EXCEEDED);
    }

    /**
     * @param duration how long the container runs before it is killed
     * @return a container killed for lack of memory: detail status {@code OOMKilled}, exit code 137
     */
    public static AciScenario oomKilledAfter(Duration duration) {
        return runsFor(duration).with(Failure.OOM_KILLED);
    }

    /**
     * @param code the exit code the container ends with
     * @return a copy
     */
    public AciScenario withExitCode(int code) {
        return new AciScenario(pending, running, code, logs, logLineInterval, failure, deleteIgnored);
    }

    /**
     * @param duration how long the group stays pending
     * @return a copy
     */
    public AciScenario withPendingFor(Duration duration) {
        return new AciScenario(Objects.requireNonNull(duration, "'duration' cannot be null."), running, exitCode, logs,
            logLineInterval, failure, deleteIgnored);
    }

    /**
     * @param lines the container's output, one element per line
     * @return a copy
     */
    public AciScenario withLogs(String... lines) {
        return new AciScenario(pending, running, exitCode, List.of(lines), logLineInterval, failure, deleteIgnored);
    }

    /**
     * Makes the output appear over time: the first line when the container starts, each next one {@code interval}
     * later (by the fake's clock). Without this, every line is there as soon as the container starts.
     *
     * @param interval the time between two lines
     * @return a copy
     */
    public AciScenario withLogLineEvery(Duration interval) {
        Objects.requireNonNull(interval, "'interval' cannot be null.");
        return new AciScenario(pending, running, exitCode, logs, interval, failure, deleteIgnored);
    }

    /**
     * @return a copy whose group answers DELETE with 202 but never goes away (a leak)
     */
    public AciScenario withDeleteIgnored() {
        return new AciScenario(pending, running, exitCode, logs, logLineInterval, failure, true);
    }

    private AciScenario with(Failure kind) {
        return new AciScenario(pending, running, kind == Failure.OOM_KILLED ? 137 : exitCode, logs, logLineInterval,
            kind, deleteIgnored);
    }

    Duration pending() {
        return pending;
    }

    Duration running() {
        return running;
    }

    int exitCode() {
        return exitCode;
    }

    List<String> logs() {
        return logs;
    }

    Duration logLineInterval() {
        return logLineInterval;
    }

    Failure failure() {
        return failure;
    }

    boolean deleteIgnored() {
        return deleteIgnored;
    }

    @Override
    public String toString() {
        return "AciScenario{pending=" + pending + ", running=" + running + ", exitCode=" + exitCode + ", failure="
            + failure + ", deleteIgnored=" + deleteIgnored + '}';
    }
}
