package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.ContainerJobException;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.ContainerJobEvent;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One container job on its way from launch to its result, as a state machine on the engine's
 * {@link SchedulingClock}: launch, poll with backoff (waiting holds no thread; a running job with a log listener
 * also has its new output read at each poll), and at the end read the logs, store the outcome, clean up, call back
 * and forget the stored row.
 *
 * <p>Transient ARM answers (no answer, 408, 429, 5xx) are retried and never end a job. Each step that must happen
 * once is first claimed in the store with an ETag-conditional write; a host that loses the claim stops without
 * acting.</p>
 */
public final class JobRun {
    private static final ClientLogger LOGGER = new ClientLogger(JobRun.class);
    private static final int LOG_ATTEMPTS = 8;
    private static final int OK = 200;
    private static final int NOT_FOUND = 404;

    private final JobEngine engine;
    private final JobSettings settings;
    private final ContainerGroupDefinition definition;
    private final JobSteps steps;
    private final GroupCleanup cleanup;
    private final LiveLogStream liveLogs;
    private final CompletableFuture<ContainerJobResult> result = new CompletableFuture<>();
    private final List<MonoSink<ContainerJobStatus>> statusWaiters = new ArrayList<>();

    private volatile JobRecord record;
    private volatile List<ContainerJobEvent> events = List.of();
    private volatile boolean groupOwned;
    private ContainerJobStatus status;
    private SchedulingClock.Cancellable pollTimer;
    private boolean cancelRequested;
    private volatile boolean ended;
    private int unchangedPolls;
    private int failedPolls;

    private JobRun(JobEngine engine, JobSettings settings, ContainerGroupDefinition definition, JobRecord record,
        boolean groupOwned) {
        this.engine = engine;
        this.settings = settings;
        this.definition = definition;
        this.record = record;
        this.groupOwned = groupOwned;
        this.steps = new JobSteps(engine, settings);
        this.cleanup = new GroupCleanup(engine, settings, steps);
        this.liveLogs = new LiveLogStream(engine, settings, steps, definition);
        this.status = new ContainerJobStatus(settings.ref().resourceGroup(), settings.ref().groupName(),
            ContainerJobState.PENDING, null, null, null, null, null);
    }

    /**
     * A job to launch.
     */
    static JobRun toLaunch(JobEngine engine, JobSettings settings, ContainerGroupDefinition definition) {
        return new JobRun(engine, settings, definition, null, false);
    }

    /**
     * A job another host started, adopted from its stored row.
     */
    static JobRun adopted(JobEngine engine, JobRecord record) {
        return new JobRun(engine, record.settings(), null, record, true);
    }

    /**
     * @return the job's settings
     */
    public JobSettings settings() {
        return settings;
    }

    /**
     * The job's row was written; later writes are conditional on its ETag.
     */
    void recorded(JobRecord stored) {
        this.record = stored;
    }

    /**
     * @return the latest status
     */
    public synchronized ContainerJobStatus status() {
        return status;
    }

    /**
     * @return completes with the result once the job has ended and been cleaned up and reported
     */
    public CompletableFuture<ContainerJobResult> result() {
        return result;
    }

    /**
     * @param seen the status the caller knows
     * @return the status once it differs from {@code seen} (at once if it already does), without holding a thread
     */
    public Mono<ContainerJobStatus> nextStatus(ContainerJobStatus seen) {
        return Mono.create(sink -> {
            ContainerJobStatus current;
            synchronized (this) {
                current = status;
                if (current.equals(seen) && !result.isDone()) {
                    statusWaiters.add(sink);
                    return;
                }
            }
            if (result.isCompletedExceptionally()) {
                sink.error(result.handle((ok, error) -> error).join());
            } else {
                sink.success(current);
            }
        });
    }

    /**
     * Asks the job to stop: at its next step it reads the logs, stops or deletes the group and ends as cancelled.
     */
    public void cancel() {
        synchronized (this) {
            if (ended || cancelRequested) {
                return;
            }
            cancelRequested = true;
            if (pollTimer == null || !pollTimer.cancel()) {
                return;
            }
            pollTimer = null;
        }
        engine.busy();
        interrupt(ContainerJobFailureReason.CANCELLED);
    }

    /**
     * Stops watching in this process only (the host is going away); the stored row stays for another host.
     */
    void stopLocally() {
        synchronized (this) {
            if (pollTimer != null) {
                pollTimer.cancel();
                pollTimer = null;
            }
            ended = true;
        }
        failWaiters(new ContainerJobException("This host stopped watching container group "
            + settings.ref().displayName() + "; a host that resumes the stored jobs finishes it."));
    }

    // ---------------------------------------------------------------- launch

    void launch() {
        new GroupLaunch(engine, settings, definition, steps).run().subscribe(launched -> {
            groupOwned = launched.groupOwned();
            switch (launched.kind()) {
                case WATCH -> schedulePoll(engine.pollBackoff().delay(1));
                case TIMED_OUT -> interrupt(ContainerJobFailureReason.TIMED_OUT);
                case FAILED -> conclude(failedStatus(launched.reason()), launched.message(), false);
                default -> throw new IllegalStateException("Unexpected launch step " + launched.kind());
            }
        }, this::onUnexpected);
    }

    // ---------------------------------------------------------------- watch

    void resume() {
        if (JobRecord.COMPLETED.equals(record.phase())) {
            finishStored();
        } else {
            pollNow();
        }
    }

    private void schedulePoll(Duration delay) {
        synchronized (this) {
            if (ended) {
                return;
            }
            if (!cancelRequested) {
                pollTimer = engine.clock().schedule(delay, this::onPollTimer);
                engine.idle();
                return;
            }
        }
        interrupt(ContainerJobFailureReason.CANCELLED);
    }

    private void onPollTimer() {
        synchronized (this) {
            pollTimer = null;
        }
        engine.busy();
        pollNow();
    }

    private void pollNow() {
        if (engine.isClosed()) {
            return;
        }
        if (isCancelRequested()) {
            interrupt(ContainerJobFailureReason.CANCELLED);
            return;
        }
        if (steps.pastDeadline()) {
            interrupt(ContainerJobFailureReason.TIMED_OUT);
            return;
        }
        engine.api().get(settings.ref())
            .onErrorResume(noAnswer -> Mono.just(ArmResponse.noResponse()))
            .flatMap(response -> keepLease().map(kept -> kept ? response : ArmResponse.noResponse())
                .filter(ignored -> !ended))
            .subscribe(this::onPolled, this::onUnexpected);
    }

    private void onPolled(ArmResponse response) {
        if (response.status() == OK) {
            failedPolls = 0;
            Observation observation = Observation.of(settings.ref(), response.body(), settings.restartPolicy(),
                settings.image(), settings.location());
            events = observation.events();
            if (observation.isTerminal()) {
                conclude(observation.status(), observation.message(), false);
                return;
            }
            unchangedPolls = publish(observation.status()) ? 0 : unchangedPolls + 1;
            Duration backoff = engine.pollBackoff().delay(unchangedPolls + 1);
            if (observation.status().getState() != ContainerJobState.RUNNING) {
                schedulePoll(steps.capped(backoff));
                return;
            }
            liveLogs.readWhileRunning().subscribe(asked -> schedulePoll(steps.capped(asked.compareTo(backoff) > 0
                ? asked : backoff)), this::onUnexpected);
        } else if (response.status() == NOT_FOUND) {
            groupOwned = false;
            conclude(failedStatus(ContainerJobFailureReason.GROUP_DELETED), "The container group "
                + settings.ref().displayName() + " does not exist any more: someone else deleted it, or the host "
                + "stopped before creating it.", false);
        } else {
            failedPolls++;
            LOGGER.verbose("Polling {} got {}; trying again.", settings.ref().displayName(), response.describeError());
            Duration hint = response.retryAfter(engine.clock().now());
            schedulePoll(steps.capped(engine.retryBackoff().delay(failedPolls, hint)));
        }
    }

    private Mono<Boolean> keepLease() {
        JobRecord current = record;
        Instant now = engine.clock().now();
        if (current == null || current.leaseUntil().minus(engine.leaseDuration().dividedBy(2)).isAfter(now)) {
            return Mono.just(true);
        }
        return engine.store().replaceIfUnchanged(current.leasedTo(engine.hostId(), now.plus(engine.leaseDuration())))
            .map(renewed -> {
                if (renewed.isEmpty()) {
                    abandon();
                    return false;
                }
                record = renewed.get();
                return true;
            })
            .onErrorResume(storeDown -> {
                LOGGER.warning("Could not renew the lease of {} ({}); trying again at the next poll.",
                    settings.ref().displayName(), Redaction.text(storeDown.getMessage()));
                return Mono.just(true);
            });
    }

    // ---------------------------------------------------------------- finish

    private void interrupt(ContainerJobFailureReason reason) {
        boolean cancelled = reason == ContainerJobFailureReason.CANCELLED;
        ContainerJobStatus last = status();
        ContainerJobStatus end = new ContainerJobStatus(settings.ref().resourceGroup(), settings.ref().groupName(),
            cancelled ? ContainerJobState.CANCELLED : ContainerJobState.FAILED, reason, null, last.getDetailStatus(),
            last.getStartTime(), null);
        String message = cancelled ? "The job was cancelled; its container group was stopped and cleaned up."
            : "The job did not end by its deadline (" + settings.deadline() + "); its container group was stopped "
                + "and cleaned up.";
        conclude(end, message, true);
    }

    private void conclude(ContainerJobStatus end, String message, boolean mayBeRunning) {
        LOGGER.info("Container job {} ended: {}.", settings.ref().displayName(), end);
        Mono<String> logs = groupOwned ? liveLogs.readLast().then(readLogs()) : Mono.just("");
        logs.map(tail -> new ContainerJobResult(end, message, events, OutcomeJson.truncate(tail),
                CleanupOutcome.NOTHING_TO_CLEAN, null))
            .flatMap(this::storeOutcome)
            .flatMap(outcome -> cleanup.apply(outcome, groupOwned, mayBeRunning))
            .flatMap(this::callBack)
            .flatMap(this::forgetStored)
            .subscribe(this::complete, this::onUnexpected);
    }

    private void finishStored() {
        ContainerJobResult stored = OutcomeJson.fromText(record.outcomeJson(), CleanupOutcome.NOTHING_TO_CLEAN, null);
        ContainerJobFailureReason reason = stored.getFailureReason();
        groupOwned = record.groupOwned();
        boolean mayBeRunning = reason == ContainerJobFailureReason.TIMED_OUT
            || reason == ContainerJobFailureReason.CANCELLED;
        cleanup.apply(stored, groupOwned, mayBeRunning)
            .flatMap(this::callBack)
            .flatMap(this::forgetStored)
            .subscribe(this::complete, this::onUnexpected);
    }

    private Mono<String> readLogs() {
        if (settings.logTailLines() == 0) {
            return Mono.just("");
        }
        return steps.retrying(() -> engine.api().logs(settings.ref(), settings.logTailLines()), LOG_ATTEMPTS)
            .map(response -> {
                if (response.status() == OK) {
                    return response.body().path("content").asText("");
                }
                LOGGER.verbose("No logs for {}: {}.", settings.ref().displayName(), response.describeError());
                return "";
            });
    }

    private Mono<ContainerJobResult> storeOutcome(ContainerJobResult outcome) {
        JobRecord current = record;
        if (current == null) {
            return Mono.just(outcome);
        }
        return steps.whileOpen(() -> engine.store().replaceIfUnchanged(
                current.completed(OutcomeJson.toText(outcome), groupOwned)))
            .flatMap(claimed -> {
                if (claimed.isEmpty()) {
                    abandon();
                    return Mono.empty();
                }
                record = claimed.get();
                return Mono.just(outcome);
            });
    }

    private Mono<ContainerJobResult> callBack(ContainerJobResult finished) {
        if (settings.callbackUri() == null) {
            return Mono.just(finished);
        }
        return steps.whileOpen(() -> engine.callbacks().send(engine.callbackUriOf(settings),
                OutcomeJson.toCallback(finished)))
            .doOnNext(delivered -> LOGGER.info("Reported container job {} to ADF: {}.",
                settings.ref().displayName(), delivered))
            .map(delivered -> finished)
            .onErrorResume(notDelivered -> !(notDelivered instanceof HostStopped), notDelivered -> {
                LOGGER.error("Could not report container job {} to ADF: {}", settings.ref().displayName(),
                    Redaction.text(notDelivered.getMessage()));
                return Mono.just(finished);
            });
    }

    private Mono<ContainerJobResult> forgetStored(ContainerJobResult finished) {
        JobRecord current = record;
        if (current == null) {
            return Mono.just(finished);
        }
        return steps.whileOpen(() -> engine.store().remove(current)).thenReturn(finished)
            .onErrorResume(notRemoved -> !(notRemoved instanceof HostStopped), notRemoved -> {
                LOGGER.warning("Could not remove the finished job {} from the store ({}).",
                    settings.ref().displayName(), Redaction.text(notRemoved.getMessage()));
                return Mono.just(finished);
            });
    }

    private void complete(ContainerJobResult finished) {
        List<MonoSink<ContainerJobStatus>> waiting;
        synchronized (this) {
            ended = true;
            status = finished.getStatus();
            waiting = drainWaiters();
        }
        result.complete(finished);
        waiting.forEach(sink -> sink.success(finished.getStatus()));
        engine.finished(this, finished);
    }

    private void abandon() {
        LOGGER.warning("Another host has taken over container job {}; this host stops watching it.",
            settings.ref().displayName());
        synchronized (this) {
            ended = true;
        }
        failWaiters(new ContainerJobException("Container job " + settings.ref().displayName()
            + " is now watched by another host."));
        engine.abandoned(this);
    }

    private void onUnexpected(Throwable error) {
        if (error instanceof HostStopped) {
            return;
        }
        LOGGER.error("Container job {} stopped on an unexpected error: {}", settings.ref().displayName(),
            Redaction.text(String.valueOf(error)));
        synchronized (this) {
            ended = true;
        }
        failWaiters(new ContainerJobException("Watching container job " + settings.ref().displayName()
            + " failed unexpectedly: " + Redaction.text(String.valueOf(error.getMessage())), error));
        engine.abandoned(this);
    }

    private void failWaiters(ContainerJobException error) {
        List<MonoSink<ContainerJobStatus>> waiting;
        synchronized (this) {
            waiting = drainWaiters();
        }
        result.completeExceptionally(error);
        waiting.forEach(sink -> sink.error(error));
    }

    // ---------------------------------------------------------------- helpers

    private boolean publish(ContainerJobStatus next) {
        List<MonoSink<ContainerJobStatus>> waiting;
        synchronized (this) {
            if (next.equals(status)) {
                return false;
            }
            status = next;
            waiting = drainWaiters();
        }
        LOGGER.verbose("Container job {} is {}.", settings.ref().displayName(), next.getState());
        waiting.forEach(sink -> sink.success(next));
        return true;
    }

    private List<MonoSink<ContainerJobStatus>> drainWaiters() {
        List<MonoSink<ContainerJobStatus>> waiting = new ArrayList<>(statusWaiters);
        statusWaiters.clear();
        return waiting;
    }

    private synchronized boolean isCancelRequested() {
        return cancelRequested;
    }

    private ContainerJobStatus failedStatus(ContainerJobFailureReason reason) {
        return new ContainerJobStatus(settings.ref().resourceGroup(), settings.ref().groupName(),
            ContainerJobState.FAILED, reason, null, null, null, null);
    }
}
