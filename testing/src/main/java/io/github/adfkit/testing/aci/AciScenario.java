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
        NONE, IMAGE_PULL_FAILURE, INACCESSIBLE_IMAGE, QUOTA_EXCEEDED, OOM_KILLED, PROVISIONING_FAILURE, SPOT_EVICTED
    }

    private final Duration pending;
    private final Duration running;
    private final int exitCode;
    private final List<String> logs;
    private final Duration logLineInterval;
    private final Failure failure;
    private final boolean deleteIgnored;
    private final int evictions;
    private final Duration notFoundAfterCreate;

    private AciScenario(Duration pending, Duration running, int exitCode, List<String> logs,
        Duration logLineInterval, Failure failure, boolean deleteIgnored, int evictions, Duration notFoundAfterCreate) {
        this.evictions = evictions;
        this.notFoundAfterCreate = notFoundAfterCreate;
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
            Failure.NONE, false, 0, Duration.ZERO);
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
     * Provisioning fails as in the published {@code ContainerGroupsGet_Failed.json}: after the pending time
     * {@code provisioningState} is {@code Failed}, the group stays {@code Pending} and the container
     * {@code Waiting}, and the group's only failure event ({@code FailedMount}, a mount permission error) has
     * {@code "type": "Normal"}.
     *
     * @return the scenario
     */
    public static AciScenario provisioningFailure() {
        return runsFor(Duration.ZERO).with(Failure.PROVISIONING_FAILURE);
    }

    /**
     * A Spot group that Azure evicts {@code after} into each of its first {@code times} runs; a run after those
     * (the group started again) runs for {@code after} and exits with code 0. An evicted run ends with the group
     * {@code Stopped}, the container {@code Terminated} without exit code, and a Warning event
     * {@code SpotContainerGroupEvicted} on the group. ACI's REST examples do not show an eviction; this shape follows
     * its Spot documentation (an evicted group is stopped, with an event saying so) and is an assumption.
     *
     * @param times how many runs are evicted
     * @param after how long each run lasts
     * @return the scenario
     */
    public static AciScenario spotEvicted(int times, Duration after) {
        AciScenario evicted = runsFor(after).with(Failure.SPOT_EVICTED);
        return new AciScenario(evicted.pending, evicted.running, 0, evicted.logs, evicted.logLineInterval,
            Failure.SPOT_EVICTED, false, times, Duration.ZERO);
    }

    /**
     * Makes a GET of the new group answer 404 for a while after it was created, as ARM may while its replicas catch
     * up with the create (eventual consistency of reads across ARM instances).
     *
     * @param lag how long the group is not found after its creation
     * @return a copy
     */
    public AciScenario withNotFoundAfterCreate(Duration lag) {
        return new AciScenario(pending, running, exitCode, logs, logLineInterval, failure, deleteIgnored, evictions,
            Objects.requireNonNull(lag, "'lag' cannot be null."));
    }

    /**
     * @param code the exit code the container ends with
     * @return a copy
     */
    public AciScenario withExitCode(int code) {
        return new AciScenario(pending, running, code, logs, logLineInterval, failure, deleteIgnored, evictions,
            notFoundAfterCreate);
    }

    /**
     * @param duration how long the group stays pending
     * @return a copy
     */
    public AciScenario withPendingFor(Duration duration) {
        return new AciScenario(Objects.requireNonNull(duration, "'duration' cannot be null."), running, exitCode, logs,
            logLineInterval, failure, deleteIgnored, evictions, notFoundAfterCreate);
    }

    /**
     * @param lines the container's output, one element per line
     * @return a copy
     */
    public AciScenario withLogs(String... lines) {
        return new AciScenario(pending, running, exitCode, List.of(lines), logLineInterval, failure, deleteIgnored,
            evictions,
            notFoundAfterCreate);
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
        return new AciScenario(pending, running, exitCode, logs, interval, failure, deleteIgnored, evictions,
            notFoundAfterCreate);
    }

    /**
     * @return a copy whose group answers DELETE with 202 but never goes away (a leak)
     */
    public AciScenario withDeleteIgnored() {
        return new AciScenario(pending, running, exitCode, logs, logLineInterval, failure, true, evictions,
            notFoundAfterCreate);
    }

    private AciScenario with(Failure kind) {
        return new AciScenario(pending, running, kind == Failure.OOM_KILLED ? 137 : exitCode, logs, logLineInterval,
            kind, deleteIgnored, evictions, notFoundAfterCreate);
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

    int evictions() {
        return evictions;
    }

    Duration notFoundAfterCreate() {
        return notFoundAfterCreate;
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
