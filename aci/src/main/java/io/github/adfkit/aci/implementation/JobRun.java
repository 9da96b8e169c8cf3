package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.ContainerJobException;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.ContainerJobAttempt;
import io.github.adfkit.aci.models.ContainerJobEvent;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.LeaseLostException;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.Telemetry;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One container job on its way from launch to its result, as a state machine on its watcher's
 * {@link SchedulingClock}: launch, poll with backoff (waiting holds no thread; a running job with a log listener
 * also has its new output read at each poll), and at the end read the logs, store the outcome, clean up, call back
 * and forget the stored row.
 *
 * <p>Transient ARM answers (no answer, 408, 429, 5xx) are retried and never end a job. With a store, this host holds
 * the job's lease from its launch (or adoption) to the removal of its row, and each once-only side effect is marked
 * in the row's journal before the job moves on: group created, outcome stored (logs read), group cleaned up,
 * callback delivered or given up. A job adopted from another host does only what its journal does not show as
 * done. Before every call to ARM or ADF the lease is checked; a host that lost it stops without acting.</p>
 */
public final class JobRun {
    private static final ClientLogger LOGGER = new ClientLogger(JobRun.class);
    private static final int LOG_ATTEMPTS = 8;
    private static final int OK = 200;
    private static final int NOT_FOUND = 404;
    /**
     * How long after this job created its group a 404 is taken for ARM's replication lag rather than a deletion:
     * ARM serves reads from replicas that may not have seen a write made moments before through another instance
     * (Azure Resource Manager's request throttling and replication notes), so a GET right after a create can miss.
     */
    static final Duration CREATE_GRACE = Duration.ofMinutes(2);

    private final JobContext context;
    private final JobIdentity job;
    private final ContainerGroupDefinition definition;
    private final JobCalls calls;
    private final GroupCleanup cleanup;
    private final LiveLogStream liveLogs;
    private final CompletableFuture<ContainerJobResult> result = new CompletableFuture<>();
    private final List<MonoSink<ContainerJobStatus>> statusWaiters = new ArrayList<>();

    private volatile JobJournal journal = JobJournal.none();
    private volatile List<ContainerJobEvent> events = List.of();
    private volatile boolean groupOwned;
    private ContainerJobStatus status;
    private SchedulingClock.Cancellable pollTimer;
    private boolean cancelRequested;
    private String cancelReason;
    private volatile boolean ended;
    private int unchangedPolls;
    private int failedPolls;
    private final Telemetry.Flow flow;
    private volatile Instant createdAt;
    private volatile Instant attemptStartedAt;
    private volatile List<ContainerJobAttempt> attempts = List.of();

    private JobRun(JobContext context, JobIdentity job, ContainerGroupDefinition definition, boolean groupOwned) {
        this.context = context;
        this.job = job;
        this.definition = definition;
        this.groupOwned = groupOwned;
        this.calls = new JobCalls(context, job.deadline(), () -> journal);
        this.cleanup = new GroupCleanup(context.api(), job, calls);
        this.liveLogs = new LiveLogStream(context.api(), context.clock(), job, calls, definition);
        this.status = new ContainerJobStatus(job.ref().resourceGroup(), job.ref().groupName(),
            ContainerJobState.PENDING, null, null, null, null, null);
        this.flow = context.telemetry().start("adfkit.job", Map.of("adfkit.job.group", job.ref().displayName(),
            "adfkit.job.image", String.valueOf(job.image())));
    }

    /**
     * A job to launch.
     */
    static JobRun toLaunch(JobContext context, JobIdentity job, ContainerGroupDefinition definition) {
        return new JobRun(context, job, definition, false);
    }

    /**
     * A job another host started, adopted from its stored row with the lease now held here.
     */
    static JobRun adopted(JobContext context, LeasedRow held) {
        JobRun run = new JobRun(context, JobRecord.identity(held.row()), null, true);
        run.recorded(held);
        run.attempts = OutcomeJson.attemptsFromText(held.row().text(JobRecord.ATTEMPTS));
        return run;
    }

    /**
     * @return the job's identity
     */
    public JobIdentity identity() {
        return job;
    }

    /**
     * The job's row is written and its lease held here until the job is finished or this host stops.
     */
    void recorded(LeasedRow held) {
        JobJournal recorded = JobJournal.of(held);
        this.journal = recorded;
        recorded.lost().subscribe(null, null, this::onLeaseLost);
    }

    /**
     * @return how long the spec says the container usually runs, or {@code null} (no hint, or an adopted job)
     */
    Duration expectedDuration() {
        return definition == null ? null : definition.spec().getExpectedDuration();
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
        cancel(null);
    }

    /**
     * Like {@link #cancel()}, with the reason the result's message gives.
     *
     * @param reason why, in words, or {@code null}
     */
    public void cancel(String reason) {
        synchronized (this) {
            if (ended || cancelRequested) {
                return;
            }
            cancelRequested = true;
            cancelReason = reason;
            if (pollTimer == null || !pollTimer.cancel()) {
                return;
            }
            pollTimer = null;
        }
        context.busy().busy();
        interrupt(ContainerJobFailureReason.CANCELLED);
    }

    /**
     * @return whether the job has ended here (finished, or stopped watching)
     */
    public boolean isEnded() {
        return ended;
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
        flow.end("released", null);
        journal.close();
        failWaiters(new ContainerJobException("This host stopped watching container group "
            + job.ref().displayName() + "; a host that resumes the stored jobs finishes it."));
    }

    // ---------------------------------------------------------------- launch

    void launch() {
        new GroupLaunch(context.api(), job, definition, calls).run()
            .flatMap(launched -> {
                groupOwned = launched.groupOwned();
                return launched.groupOwned() ? journal.markDone(JobRecord.GROUP_CREATED, launched.kind() ==
                    GroupLaunch.Kind.WATCH ? launched.message() : launched.kind().name(),
                    Map.of(JobRecord.GROUP_OWNED, true)).thenReturn(launched) : Mono.just(launched);
            })
            .subscribe(launched -> {
                if (launched.groupOwned()) {
                    createdAt = context.clock().now();
                }
                switch (launched.kind()) {
                    case WATCH -> schedulePoll(context.polls().cadence(this, 0));
                    case TIMED_OUT -> interrupt(ContainerJobFailureReason.TIMED_OUT);
                    case FAILED -> conclude(failedStatus(launched.reason()), launched.message(), false);
                    default -> throw new IllegalStateException("Unexpected launch step " + launched.kind());
                }
            }, this::onUnexpected);
    }

    /**
     * Ends a job whose group name another recorded job holds: it is reported as the group already existing, and
     * neither the group nor the other job's row is touched.
     */
    void refuseNameTaken() {
        conclude(failedStatus(ContainerJobFailureReason.GROUP_EXISTS), "Container group "
            + job.ref().displayName() + " is already used by another container job recorded in the job store "
            + "(started by this or another host, and not finished). It is left as it is; choose another name, or "
            + "leave the name out to have a unique one generated.", false);
    }

    // ---------------------------------------------------------------- watch

    void resume() {
        if (journal.isDone(JobRecord.OUTCOME)) {
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
                pollTimer = context.polls().schedule(this, delay, this::onPollTimer);
                context.busy().idle();
                return;
            }
        }
        interrupt(ContainerJobFailureReason.CANCELLED);
    }

    private void onPollTimer() {
        synchronized (this) {
            pollTimer = null;
        }
        context.busy().busy();
        pollNow();
    }

    private void pollNow() {
        if (context.isClosed()) {
            return;
        }
        if (isCancelRequested()) {
            interrupt(ContainerJobFailureReason.CANCELLED);
            return;
        }
        if (calls.untilDeadline().isPastDeadline()) {
            interrupt(ContainerJobFailureReason.TIMED_OUT);
            return;
        }
        calls.whileOpen(() -> new StopRequests(context, job).find())
            .subscribe(stop -> stop.ifPresentOrElse(this::stopFor, this::pollGroup), this::onUnexpected);
    }

    private void pollGroup() {
        calls.once(() -> context.api().get(job.ref()))
            .filter(ignored -> !ended)
            .subscribe(this::onPolled, this::onUnexpected);
    }

    private void stopFor(StopRequests.Stop stop) {
        synchronized (this) {
            cancelRequested = true;
            cancelReason = stop.message();
        }
        interrupt(stop.reason());
    }

    private void onPolled(ArmResponse response) {
        context.telemetry().count("adfkit.job.status_reads", "Container group status reads by answer",
            Map.of(Telemetry.OUTCOME, readOutcome(response.status())));
        if (response.status() == OK) {
            failedPolls = 0;
            GroupStatusReading reading = GroupStatusReading.of(job.ref(), response.body(), job.restartPolicy(),
                job.image(), job.location());
            events = reading.events();
            if (reading.isTerminal() && !reading.endedBefore(attemptStartedAt)) {
                conclude(reading.status(), reading.message(), false);
                return;
            }
            unchangedPolls = publish(reading.status()) ? 0 : unchangedPolls + 1;
            Duration backoff = context.polls().cadence(this, unchangedPolls);
            if (reading.status().getState() != ContainerJobState.RUNNING) {
                schedulePoll(calls.untilDeadline().capped(backoff));
                return;
            }
            liveLogs.readWhileRunning().subscribe(asked -> schedulePoll(calls.untilDeadline().capped(
                asked.compareTo(backoff) > 0 ? asked : backoff)), this::onUnexpected);
        } else if (response.status() == NOT_FOUND && createdAt != null
            && context.clock().now().isBefore(createdAt.plus(CREATE_GRACE))) {
            LOGGER.verbose("{} is not found yet {} after its creation; ARM may not have replicated it, trying again.",
                job.ref().displayName(), Duration.between(createdAt, context.clock().now()));
            schedulePoll(retryDelay(++failedPolls, null));
        } else if (response.status() == NOT_FOUND) {
            groupOwned = false;
            conclude(failedStatus(ContainerJobFailureReason.GROUP_DELETED), "The container group "
                + job.ref().displayName() + " does not exist any more: someone else deleted it, or the host "
                + "stopped before creating it.", false);
        } else {
            failedPolls++;
            LOGGER.verbose("Polling {} got {}; trying again.", job.ref().displayName(), response.describeError());
            schedulePoll(retryDelay(failedPolls, response.retryAfter(context.clock().now())));
        }
    }

    // ---------------------------------------------------------------- finish

    private void interrupt(ContainerJobFailureReason reason) {
        boolean cancelled = reason != ContainerJobFailureReason.TIMED_OUT;
        ContainerJobStatus last = status();
        ContainerJobStatus end = new ContainerJobStatus(job.ref().resourceGroup(), job.ref().groupName(),
            cancelled ? ContainerJobState.CANCELLED : ContainerJobState.FAILED, reason, null, last.getDetailStatus(),
            last.getStartTime(), null);
        String why;
        synchronized (this) {
            why = cancelReason == null ? "" : " (" + cancelReason + ")";
        }
        String message = cancelled ? "The job was cancelled" + why + "; its container group was stopped and "
            + "cleaned up." : "The job did not end by its deadline (" + job.deadline() + "); its container group "
                + "was stopped and cleaned up.";
        conclude(end, message, true);
    }

    private void conclude(ContainerJobStatus end, String message, boolean mayBeRunning) {
        if (job.retryPolicy().shouldRetry(end.getFailureReason(), attempts.size() + 1) && !isCancelRequested()) {
            retry(end, message);
            return;
        }
        LOGGER.info("Container job {} ended: {}.", job.ref().displayName(), end);
        Mono<String> logs = groupOwned ? liveLogs.readLast().then(readLogs()) : Mono.just("");
        logs.map(tail -> new ContainerJobResult(end, message, events, OutcomeJson.truncate(tail),
                CleanupOutcome.NOTHING_TO_CLEAN, null, attempts))
            .flatMap(outcome -> journal.markDone(JobRecord.OUTCOME, OutcomeJson.toText(outcome),
                Map.of(JobRecord.GROUP_OWNED, groupOwned)).thenReturn(outcome))
            .flatMap(outcome -> finish(outcome, mayBeRunning))
            .subscribe(this::complete, this::onUnexpected);
    }

    /**
     * Records the failed attempt, waits the policy's backoff, and runs the job again: the same group is started
     * again if it exists, otherwise it is created again.
     */
    private void retry(ContainerJobStatus end, String message) {
        int number = attempts.size() + 1;
        List<ContainerJobAttempt> next = new ArrayList<>(attempts);
        next.add(new ContainerJobAttempt(number, end, message, events));
        attempts = List.copyOf(next);
        Duration wait = job.retryPolicy().getBackoff().delay(number);
        LOGGER.info("Container job {} attempt {} failed ({}); attempt {} starts in {}.", job.ref().displayName(),
            number, end.getFailureReason(), number + 1, wait);
        journal.markDone("Attempt" + number, end.getFailureReason().getCode(),
                Map.of(JobRecord.ATTEMPTS, OutcomeJson.attemptsToJson(attempts).toString()))
            .then(context.waitIdle(calls.untilDeadline().capped(wait)))
            .then(Mono.defer(() -> isCancelRequested() || calls.untilDeadline().isPastDeadline() ? Mono.just(false)
                : rerun()))
            .subscribe(rerun -> {
                if (!rerun) {
                    interrupt(isCancelRequested() ? ContainerJobFailureReason.CANCELLED
                        : ContainerJobFailureReason.TIMED_OUT);
                }
            }, this::onUnexpected);
    }

    private Mono<Boolean> rerun() {
        events = List.of();
        attemptStartedAt = context.clock().now();
        unchangedPolls = 0;
        publish(new ContainerJobStatus(job.ref().resourceGroup(), job.ref().groupName(),
            ContainerJobState.PENDING, null, null, null, null, null));
        if (!groupOwned) {
            if (definition == null) {
                return Mono.error(new IllegalStateException("The group of " + job.ref().displayName()
                    + " was never created and this host has not its definition to create it."));
            }
            launch();
            return Mono.just(true);
        }
        // ContainerGroupsStart.json: POST .../start answers 202 with azure-asyncoperation; the group runs again.
        return calls.retrying(() -> context.api().start(job.ref()), calls.untilDeadline()).map(response -> {
            if (!response.isSuccess()) {
                LOGGER.warning("Starting {} again failed: {}; polling shows what happens.",
                    job.ref().displayName(), response.describeError());
            }
            schedulePoll(calls.untilDeadline().capped(context.polls().cadence(this, 0)));
            return true;
        });
    }

    private void finishStored() {
        ContainerJobResult stored = OutcomeJson.fromText(journal.doneValue(JobRecord.OUTCOME),
            CleanupOutcome.NOTHING_TO_CLEAN, null);
        ContainerJobFailureReason reason = stored.getFailureReason();
        groupOwned = journal.groupOwned();
        boolean mayBeRunning = reason == ContainerJobFailureReason.TIMED_OUT
            || reason == ContainerJobFailureReason.CANCELLED;
        finish(stored, mayBeRunning).subscribe(this::complete, this::onUnexpected);
    }

    /**
     * The end of a job whose outcome is known: clean up and call back unless the journal shows them done, then
     * remove the row.
     */
    private Mono<ContainerJobResult> finish(ContainerJobResult outcome, boolean mayBeRunning) {
        return cleanUp(outcome, mayBeRunning)
            .flatMap(this::callBack)
            .flatMap(this::forgetStored);
    }

    private Mono<String> readLogs() {
        if (job.logTailLines() == 0) {
            return Mono.just("");
        }
        return calls.retrying(() -> context.api().logs(job.ref(), job.logTailLines()), calls.atMost(LOG_ATTEMPTS))
            .map(response -> {
                if (response.status() == OK) {
                    return response.body().path("content").asText("");
                }
                LOGGER.verbose("No logs for {}: {}.", job.ref().displayName(), response.describeError());
                return "";
            });
    }

    private Mono<ContainerJobResult> cleanUp(ContainerJobResult outcome, boolean mayBeRunning) {
        if (journal.isDone(JobRecord.CLEANUP)) {
            return Mono.just(OutcomeJson.withCleanup(outcome, CleanupOutcome.valueOf(journal.doneValue(JobRecord.CLEANUP)),
                journal.text(JobRecord.CLEANUP_MESSAGE)));
        }
        return calls.whileOpen(() -> cleanup.apply(outcome, groupOwned, mayBeRunning))
            .flatMap(cleaned -> journal.markDone(JobRecord.CLEANUP, cleaned.getCleanupOutcome().name(),
                Collections.singletonMap(JobRecord.CLEANUP_MESSAGE, cleaned.getCleanupMessage())).thenReturn(cleaned));
    }

    private Mono<ContainerJobResult> callBack(ContainerJobResult finished) {
        String uri = job.callbackUri();
        if (uri == null) {
            return Mono.just(finished);
        }
        if (journal.isDone(JobRecord.CALLBACK)) {
            return Mono.just(ActivityGone.resultOf(finished, journal.doneValue(JobRecord.CALLBACK)));
        }
        if (finished.getFailureReason() == ContainerJobFailureReason.PIPELINE_ENDED) {
            LOGGER.info("Not reporting container job {} to ADF: its pipeline run no longer waits for it.",
                job.ref().displayName());
            return journal.markDone(JobRecord.CALLBACK, "SKIPPED: pipeline ended", Map.of()).thenReturn(finished);
        }
        return calls.whileOpen(() -> context.callbacks().send(context.openCallbackUri().apply(job.callbackUri()),
                OutcomeJson.toCallback(finished)))
            .takeUntilOther(journal.lost())
            .map(delivered -> {
                LOGGER.info("Reported container job {} to ADF: {}.", job.ref().displayName(), delivered);
                return JobRecord.DELIVERED;
            })
            .onErrorResume(ActivityGone::matches, gone -> Mono.just(ActivityGone.record(job, gone)))
            .onErrorResume(notDelivered -> !JobCalls.isStop(notDelivered), notDelivered -> {
                LOGGER.error("Could not report container job {} to ADF; it is recorded as not delivered: {}",
                    job.ref().displayName(), Redaction.text(notDelivered.getMessage()));
                return Mono.just("NOT_DELIVERED: " + notDelivered.getClass().getSimpleName());
            })
            .switchIfEmpty(Mono.error(() -> new LeaseLostException("The lease on container job "
                + job.ref().displayName() + " was lost while calling back.")))
            .flatMap(done -> journal.markDone(JobRecord.CALLBACK, done, Map.of())
                .thenReturn(ActivityGone.resultOf(finished, done)));
    }

    private Mono<ContainerJobResult> forgetStored(ContainerJobResult finished) {
        return calls.whileOpen(journal::remove).thenReturn(finished)
            .onErrorResume(notRemoved -> !JobCalls.isStop(notRemoved), notRemoved -> {
                LOGGER.warning("Could not remove the finished job {} from the store ({}); its journal shows it done, "
                    + "so the host that next adopts the row only removes it.", job.ref().displayName(),
                    Redaction.text(notRemoved.getMessage()));
                journal.close();
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
        String outcome = finished.getStatus().getState().name().toLowerCase(Locale.ROOT);
        context.telemetry().count("adfkit.jobs", "Container jobs ended, by outcome",
            Map.of(Telemetry.OUTCOME, outcome));
        flow.end(outcome, finished.getStatus().getState() != ContainerJobState.FAILED ? null
            : String.valueOf(finished.getStatus().getFailureReason()));
        result.complete(finished);
        waiting.forEach(sink -> sink.success(finished.getStatus()));
        context.finished().accept(this, finished);
    }

    /**
     * A renewal found the lease lost. A job waiting for its next poll stops now; a job doing I/O stops at its next
     * lease check (a callback under way is abandoned at once).
     */
    private void onLeaseLost() {
        synchronized (this) {
            if (ended || pollTimer == null || !pollTimer.cancel()) {
                return;
            }
            pollTimer = null;
        }
        context.busy().busy();
        stopQuietly();
    }

    private void stopQuietly() {
        LOGGER.info("This host no longer holds the lease on container job {}; it stops without acting, and the "
            + "host that holds the job finishes it.", job.ref().displayName());
        synchronized (this) {
            ended = true;
        }
        journal.close();
        failWaiters(new ContainerJobException("Container job " + job.ref().displayName()
            + " is now finished by another host."));
        context.abandoned().accept(this);
    }

    private void onUnexpected(Throwable error) {
        if (error instanceof HostStopped) {
            return;
        }
        if (error instanceof LeaseLostException) {
            stopQuietly();
            return;
        }
        if (journal.isStored()) {
            LOGGER.warning("Container job {} paused on an error ({}); its row stays in the store and the next scan "
                + "of this or another host finishes it.", job.ref().displayName(),
                Redaction.text(String.valueOf(error)));
        } else {
            LOGGER.error("Container job {} stopped on an unexpected error: {}", job.ref().displayName(),
                Redaction.text(String.valueOf(error)));
        }
        synchronized (this) {
            ended = true;
        }
        journal.close();
        failWaiters(new ContainerJobException("Watching container job " + job.ref().displayName()
            + " failed unexpectedly: " + Redaction.text(String.valueOf(error.getMessage())), error));
        context.abandoned().accept(this);
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

    /**
     * @return the wait before polling again after {@code failures} failed polls in a row: the server's hint or the
     *     backoff, ending at the deadline at the latest (zero once it has passed: the next poll times the job out)
     */
    private Duration retryDelay(int failures, Duration hint) {
        return calls.untilDeadline().next(failures, hint).orElse(Duration.ZERO);
    }

    private static String readOutcome(int status) {
        return status == OK ? "ok" : status == NOT_FOUND ? "not_found" : status == 429 ? "throttled" : "retried";
    }

    private boolean publish(ContainerJobStatus next) {
        List<MonoSink<ContainerJobStatus>> waiting;
        synchronized (this) {
            if (next.equals(status)) {
                return false;
            }
            status = next;
            waiting = drainWaiters();
        }
        LOGGER.verbose("Container job {} is {}.", job.ref().displayName(), next.getState());
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
        return new ContainerJobStatus(job.ref().resourceGroup(), job.ref().groupName(),
            ContainerJobState.FAILED, reason, null, null, null, null);
    }
}
