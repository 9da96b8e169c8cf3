package io.github.adfkit.durable.server.implementation;

import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.ConditionalRows;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.core.implementation.LeaseLostException;
import io.github.adfkit.core.implementation.LeaseTerms;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.RetrySchedule;
import io.github.adfkit.core.implementation.Telemetry;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.durable.server.OperationFailedException;
import io.github.adfkit.durable.server.OperationRequest;
import io.github.adfkit.durable.server.models.SingleFlightMode;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs operations: accepts submits, runs the work on the executor under a lease on the operation's record (renewed
 * by {@link LeasedRow} for as long as the work runs), and on every tick of the clock starts queued operations whose
 * single-flight key came free, takes over operations whose host's lease ran out (ending them Failed, or running them
 * again) and deletes records past their retention.
 */
public final class OperationSupervisor implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(OperationSupervisor.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final int MAX_COMPLETION_WRITES = 6;
    private static final int REMEMBERED_OUTCOMES = 10_000;
    private static final Backoff COMPLETION_BACKOFF = Backoff.exponential(Duration.ofSeconds(1),
        Duration.ofSeconds(30));

    private final OperationRepository repository;
    private final Map<String, KindDefinition> kinds;
    private final ExecutorService executor;
    private final SchedulingClock clock;
    private final RetrySchedule completionWrites;
    private final SupervisorSettings settings;
    private final LeaseTerms hostTerms;
    private final ConcurrentMap<String, ActiveOperation> active = new ConcurrentHashMap<>();
    private final RecentOutcomes recentOutcomes = new RecentOutcomes(REMEMBERED_OUTCOMES);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Telemetry telemetry = Telemetry.of(null);
    private volatile SchedulingClock.Cancellable nextTick;
    private volatile Instant lastSweep;
    private volatile Instant lastPurge;

    /**
     * Creates the supervisor and starts its ticks.
     *
     * @param rows where records live
     * @param kinds the registered kinds by name
     * @param executor where the work runs
     * @param clock the time source; ticks and lease renewals are scheduled on it
     * @param settings lease and retention settings
     */
    public OperationSupervisor(ConditionalRows rows, Map<String, KindDefinition> kinds, ExecutorService executor,
        SchedulingClock clock, SupervisorSettings settings) {
        this.repository = new OperationRepository(rows);
        this.kinds = Map.copyOf(kinds);
        this.executor = executor;
        this.clock = clock;
        this.completionWrites = RetrySchedule.of(COMPLETION_BACKOFF, clock).atMost(MAX_COMPLETION_WRITES);
        this.settings = settings;
        this.hostTerms = new LeaseTerms(settings.hostId(), settings.leaseDuration(), clock);
        scheduleTick();
    }

    /**
     * @param where where the operations' spans and counters go
     * @return this supervisor
     */
    public OperationSupervisor telemetry(Telemetry where) {
        this.telemetry = where;
        return this;
    }

    private ActiveOperation hold(String id, KindDefinition kind, PreparedOperation prepared, LeasedRow record) {
        ActiveOperation operation = new ActiveOperation(id, kind, prepared, record);
        operation.flow(telemetry.start("adfkit.operation", Map.of("adfkit.operation.kind", kind.name(),
            "adfkit.operation.id", id)));
        return operation;
    }

    private void ended(ActiveOperation operation, OperationState status) {
        String name = status.name().toLowerCase(Locale.ROOT);
        telemetry.count("adfkit.operations", "Operations ended, by status", Map.of("adfkit.operation.status", name));
        operation.flow().end(name, status == OperationState.FAILED ? "failed" : null);
    }

    /**
     * Accepts a validated submit: stores the operation under this host's lease, claims the Idempotency-Key if there
     * is one, and starts or queues the work (or ends it as Conflict when its single-flight key is busy). When this
     * throws, no work runs for the submit: an operation record left behind by a store fault was never started, and
     * the sweep ends it Failed once its lease has run out.
     *
     * @param kind the operation kind
     * @param prepared the validated input
     * @param request what the caller submitted, stored for a re-run
     * @param idempotencyKey the caller's Idempotency-Key, or {@code null}
     * @return the new operation, or the one the Idempotency-Key started earlier
     * @throws RecordTooLargeException if the parameters do not fit in the store (nothing is stored)
     * @throws IdempotencyKeyReusedException if the Idempotency-Key started an operation with another input
     * @throws RejectedExecutionException if the executor refuses more work (nothing is kept)
     */
    public OperationRecord submit(KindDefinition kind, PreparedOperation prepared, OperationRequest request,
        String idempotencyKey) {
        String parametersJson = SubmittedParameters.toJson(request);
        String inputHash = OperationIds.hashKey(kind.name(), parametersJson);
        String idempotencyHash = idempotencyKey == null ? null : OperationIds.hashKey(kind.name(), idempotencyKey);
        if (idempotencyHash != null) {
            Optional<OperationRecord> earlier = repository.idempotencyClaim(idempotencyHash)
                .flatMap(claim -> earlierOperation(claim, inputHash));
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant now = clock.now();
        String id = OperationIds.newId();
        if (idempotencyHash == null && ActiveOperation.singleFlightKeyHash(kind, prepared) == null
            && !kind.rerunAfterHostFailure()) {
            return submitStartingNow(id, kind, prepared, parametersJson, now);
        }
        LeasedRow record = repository.create(id, OperationRecord.pending(kind.name(), parametersJson, now),
            hostTerms);
        try {
            if (idempotencyHash != null) {
                Optional<OperationRepository.IdempotencyClaim> holder = repository.claimIdempotencyKey(
                    idempotencyHash, id, inputHash, now.plus(settings.retention()));
                if (holder.isPresent()) {
                    removeQuietly(record);
                    return earlierOperation(holder.get(), inputHash).orElseThrow(() -> LOGGER.logExceptionAsError(
                        new IllegalStateException("The operation of an Idempotency-Key claim is gone.")));
                }
            }
            ActiveOperation operation = hold(id, kind, prepared, record);
            record.onLost(() -> stop(operation));
            active.put(id, operation);
            startOrQueue(operation);
            return OperationRecord.of(record.row());
        } catch (RuntimeException notStarted) {
            active.remove(id);
            removeQuietly(record);
            if (idempotencyHash != null) {
                releaseIdempotencyKeyQuietly(idempotencyHash, id);
            }
            throw notStarted;
        }
    }

    /**
     * A submit with no Idempotency-Key and no single-flight key, whose work can start at once: a thread is taken
     * first (a full executor refuses the submit before anything is stored), then the record is created Running with
     * its start in the journal, in one write. Nothing can fail between that write and the answer, so a submit answered
     * with an error never runs here, and the work needs no second write to mark it started. Kinds that are re-run
     * after a host failure keep the two writes: a record whose create was answered with an error could otherwise be
     * found started and re-run by the sweep.
     */
    private OperationRecord submitStartingNow(String id, KindDefinition kind, PreparedOperation prepared,
        String parametersJson, Instant now) {
        CompletableFuture<ActiveOperation> stored = new CompletableFuture<>();
        Future<?> task = executor.submit(() -> {
            ActiveOperation operation;
            try {
                operation = stored.get();
            } catch (ExecutionException notStored) {
                return;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
            run(operation);
        });
        try {
            LeasedRow record = repository.create(id, OperationRecord.started(kind.name(), parametersJson, now),
                hostTerms);
            ActiveOperation operation = hold(id, kind, prepared, record);
            operation.queued(false);
            operation.future(task);
            record.onLost(() -> stop(operation));
            active.put(id, operation);
            stored.complete(operation);
            return OperationRecord.of(record.row());
        } catch (RuntimeException notStored) {
            stored.completeExceptionally(notStored);
            throw notStored;
        }
    }

    private Optional<OperationRecord> earlierOperation(OperationRepository.IdempotencyClaim claim, String inputHash) {
        if (!inputHash.equals(claim.inputHash())) {
            throw LOGGER.logExceptionAsError(new IdempotencyKeyReusedException());
        }
        return repository.find(claim.operationId());
    }

    /**
     * Reads an operation. One whose outcome this host wrote recently is answered from that outcome, without a store
     * read: nothing changes a finished record until its retention ends.
     *
     * @param id a well-formed operation id
     * @return the operation, or empty if there is none or it is past its retention
     */
    public Optional<OperationRecord> find(String id) {
        Instant now = clock.now();
        return recentOutcomes.find(id).or(() -> repository.find(id))
            .filter(record -> record.expiresAt() == null || record.expiresAt().isAfter(now));
    }

    /**
     * Cancels an operation that has not finished, wherever it runs: the record becomes Canceled at once; the host
     * that runs the work interrupts it (this one now, another one at its next lease renewal).
     *
     * @param id a well-formed operation id
     * @return the operation afterwards (unchanged if it had already finished), or empty if there is none
     */
    public Optional<OperationRecord> cancel(String id) {
        Optional<OperationRecord> after = repository.cancel(id, OperationRecord.finished(OperationState.CANCELED,
            null, "The operation was canceled.", clock.now(), settings.retention()));
        after.ifPresent(recentOutcomes::remember);
        ActiveOperation operation = active.get(id);
        if (operation != null) {
            stop(operation);
        }
        return after;
    }

    private void startOrQueue(ActiveOperation operation) {
        if (operation.singleFlightKeyHash() != null) {
            Optional<LeasedRow> lease = repository.takeSingleFlight(operation.singleFlightKeyHash(),
                new LeaseTerms(operation.id(), settings.leaseDuration(), clock));
            if (lease.isEmpty()) {
                if (operation.kind().singleFlightMode() == SingleFlightMode.CONFLICT) {
                    active.remove(operation.id());
                    finishDurably(operation, OperationState.CONFLICT, null, "Another '" + operation.kind().name()
                        + "' operation with the same key is running; submit again when it has finished.");
                } else {
                    operation.queued(true);
                }
                return;
            }
            operation.singleFlight(lease.get());
            lease.get().onLost(() -> lostSingleFlight(operation));
        }
        operation.queued(false);
        operation.future(executor.submit(() -> run(operation)));
    }

    private void run(ActiveOperation operation) {
        operation.markStarted();
        try {
            LeasedRow record = operation.record();
            String attempt = Integer.toString(OperationRecord.of(record.row()).attempt());
            if (!attempt.equals(LeasedRow.doneValue(record.row(), OperationRecord.STARTED))) {
                record.markDone(OperationRecord.STARTED, attempt, OperationRecord.running(clock.now()));
            }
            execute(operation);
        } catch (LeaseLostException canceled) {
            operation.record().close();
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).log("The operation was taken over or "
                + "canceled, or its lease ran out, before its work started.", canceled);
        } catch (RuntimeException storeFault) {
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).log("The operation could not be marked "
                + "Running; its lease will run out and it will be marked Failed.", storeFault);
            operation.record().close();
        } finally {
            // Work that was interrupted (the host is closing) leaves the flag set; the store calls that free the
            // operation's key must not be cut short by it, so it is restored only after them.
            boolean interrupted = Thread.interrupted();
            try {
                active.remove(operation.id());
                releaseSingleFlight(operation);
                startQueuedWithKey(operation.singleFlightKeyHash());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void execute(ActiveOperation operation) {
        try {
            Object result = operation.prepared().execute(customStatus -> publish(operation, customStatus));
            finishDurably(operation, OperationState.COMPLETED, Json.mapper().writeValueAsString(result), null);
        } catch (OperationFailedException failed) {
            LOGGER.atInfo().addKeyValue("operationId", operation.id()).log("The operation failed.",
                loggable(failed));
            finishDurably(operation, OperationState.FAILED, null, failed.getMessage());
        } catch (InterruptedException interrupted) {
            finishDurably(operation, OperationState.TERMINATED, null, "The work was interrupted before it finished.");
            Thread.currentThread().interrupt();
        } catch (Exception unexpected) {
            String incident = UUID.randomUUID().toString();
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).addKeyValue("incident", incident)
                .log("The operation failed.", loggable(unexpected));
            finishDurably(operation, OperationState.FAILED, null,
                "The operation failed; the host log has the details under incident " + incident + ".");
        }
    }

    private void publish(ActiveOperation operation, Object customStatus) {
        try {
            operation.record().update(OperationRecord.progress(customStatus == null ? null
                : Json.mapper().writeValueAsString(customStatus)));
        } catch (JsonProcessingException | RuntimeException notPublished) {
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).log("The operation's progress could not "
                + "be published.", notPublished);
        }
    }

    /**
     * The work's exception as it may be logged: its type and stack trace, with URLs and key-like values in the
     * message redacted, and without its causes (whose messages are not ours to vouch for either).
     */
    private static Throwable loggable(Exception failure) {
        AdfkitException copy = new AdfkitException(failure.getClass().getName() + ": "
            + Redaction.text(failure.getMessage()));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /**
     * Writes an operation's outcome under its lease, retrying store faults while the lease is held; once the lease is
     * lost (canceled, taken over) the outcome is not this host's to write.
     */
    private void finishDurably(ActiveOperation operation, OperationState status, String resultJson, String error) {
        ended(operation, status);
        AtomicInteger writes = new AtomicInteger();
        try {
            WaitLoop.runBlocking(() -> writeOutcome(operation, status, resultJson, error, writes.incrementAndGet()),
                clock);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).log("Interrupted while storing the outcome "
                + "of the operation; its lease will run out and it will be marked Failed.");
            operation.record().close();
        }
    }

    /**
     * One write of an operation's outcome: done once written, or once it is not this host's to write (the lease is
     * lost, or the writes are used up and the lease is left to run out); again after a store fault otherwise.
     */
    private WaitStep<Void> writeOutcome(ActiveOperation operation, OperationState status, String resultJson,
        String error, int attempt) {
        try {
            finishOrRefuseResult(operation.record(), status, resultJson, error);
            return WaitStep.done(null);
        } catch (LeaseLostException lost) {
            operation.record().close();
            LOGGER.atVerbose().addKeyValue("operationId", operation.id()).log("The operation was canceled or "
                + "taken over; its outcome is not stored by this host.");
            return WaitStep.done(null);
        } catch (RuntimeException storeFault) {
            Optional<Duration> retryIn = closed.get() || Thread.currentThread().isInterrupted() ? Optional.empty()
                : completionWrites.next(attempt, null);
            if (retryIn.isEmpty()) {
                LOGGER.atWarning().addKeyValue("operationId", operation.id()).log("The outcome of the operation "
                    + "could not be stored; its lease will run out and it will be marked Failed.", storeFault);
                operation.record().close();
                return WaitStep.done(null);
            }
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).log("Storing the outcome failed; "
                + "retrying.", storeFault);
            return WaitStep.again(retryIn.get());
        }
    }

    private void finishOrRefuseResult(LeasedRow record, OperationState status, String resultJson, String error) {
        Map<String, Object> outcome;
        try {
            outcome = OperationRecord.finished(status, resultJson, error, clock.now(), settings.retention());
        } catch (RecordTooLargeException tooLarge) {
            outcome = OperationRecord.finished(OperationState.FAILED, null, "The result is " + tooLarge.size()
                + " characters of JSON; the operation store keeps at most " + tooLarge.limit()
                + ". Return a smaller result, such as a reference to where the data is.", clock.now(),
                settings.retention());
        }
        recentOutcomes.remember(OperationRecord.of(record.finish(outcome)));
    }

    private void lostSingleFlight(ActiveOperation operation) {
        operation.singleFlight(null);
        finishDurably(operation, OperationState.FAILED, null, "The operation lost its single-flight lease to another "
            + "operation and was stopped.");
        stop(operation);
    }

    private void stop(ActiveOperation operation) {
        active.remove(operation.id());
        operation.record().close();
        if (operation.future() != null) {
            operation.future().cancel(true);
        }
        if (!operation.started()) {
            releaseSingleFlight(operation);
        }
    }

    private void releaseSingleFlight(ActiveOperation operation) {
        LeasedRow lease = operation.singleFlight();
        if (lease != null) {
            operation.singleFlight(null);
            removeQuietly(lease);
        }
    }

    private void removeQuietly(LeasedRow held) {
        try {
            held.remove();
        } catch (RuntimeException lostOrStoreFault) {
            held.close();
            LOGGER.atVerbose().log("A record could not be removed; its lease will run out instead.",
                lostOrStoreFault);
        }
    }

    private void releaseIdempotencyKeyQuietly(String keyHash, String operationId) {
        try {
            repository.releaseIdempotencyKey(keyHash, operationId);
        } catch (RuntimeException storeFault) {
            LOGGER.atWarning().addKeyValue("operationId", operationId).log("The Idempotency-Key claim of an "
                + "operation that was not started could not be removed.", storeFault);
        }
    }

    private void startQueuedWithKey(String keyHash) {
        if (keyHash == null || closed.get()) {
            return;
        }
        active.values().stream().filter(ActiveOperation::queued)
            .filter(queued -> keyHash.equals(queued.singleFlightKeyHash()))
            .findFirst().ifPresent(this::startQueued);
    }

    private void startQueued(ActiveOperation operation) {
        try {
            startOrQueue(operation);
        } catch (RejectedExecutionException busy) {
            releaseSingleFlight(operation);
            operation.queued(true);
        } catch (RuntimeException storeFault) {
            operation.queued(true);
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).log("The operation's single-flight key "
                + "could not be checked; trying again at the next tick.", storeFault);
        }
    }

    private void scheduleTick() {
        if (!closed.get()) {
            nextTick = clock.schedule(settings.tickInterval(), this::tick);
        }
    }

    private void tick() {
        try {
            active.values().stream().filter(ActiveOperation::queued).forEach(this::startQueued);
            Instant now = clock.now();
            if (isDue(lastSweep, settings.leaseDuration(), now)) {
                lastSweep = now;
                sweepExpiredLeases(now);
            }
            if (isDue(lastPurge, settings.purgeInterval(), now)) {
                lastPurge = now;
                repository.purgeExpired(now, settings.retention());
            }
        } catch (RuntimeException storeFault) {
            if (!closed.get()) {
                LOGGER.atWarning().log("The operation store could not be swept; trying again at the next tick.",
                    storeFault);
            }
        } finally {
            scheduleTick();
        }
    }

    private static boolean isDue(Instant last, Duration interval, Instant now) {
        return last == null || !now.isBefore(last.plus(interval));
    }

    /**
     * Takes over the operations whose host's lease ran out (only one host wins each): work that had started is run
     * again if its kind allows it, everything else ends Failed. An operation that was never started is never run
     * by the sweep: its submit may have been answered with an error.
     */
    private void sweepExpiredLeases(Instant now) {
        for (OperationRecord expired : repository.listLeaseExpired(now)) {
            if (active.containsKey(expired.id())) {
                continue;
            }
            Optional<LeasedRow> claimed = repository.claim(expired, hostTerms);
            if (claimed.isEmpty()) {
                continue;
            }
            KindDefinition kind = kinds.get(expired.kind());
            if (kind != null && kind.rerunAfterHostFailure() && expired.started()
                && expired.attempt() < MAX_ATTEMPTS) {
                rerun(expired, claimed.get(), kind, now);
            } else {
                failDead(expired, claimed.get(), now);
            }
        }
    }

    private void failDead(OperationRecord expired, LeasedRow claimed, Instant now) {
        String error = expired.started() ? "The host running this operation stopped before it finished (its lease "
            + "expired at " + expired.leaseUntil() + ")." : "The host that accepted this operation stopped before it "
            + "started the work (its lease expired at " + expired.leaseUntil() + "); submit it again.";
        claimed.finish(OperationRecord.finished(OperationState.FAILED, null, error, now, settings.retention()));
    }

    private void rerun(OperationRecord expired, LeasedRow claimed, KindDefinition kind, Instant now) {
        PreparedOperation prepared;
        try {
            prepared = kind.prepare(SubmittedParameters.fromJson(expired.parametersJson()));
        } catch (RuntimeException noLongerValid) {
            LOGGER.atWarning().addKeyValue("operationId", expired.id())
                .log("The operation's parameters no longer validate; it is not re-run.", noLongerValid);
            failDead(expired, claimed, now);
            return;
        }
        claimed.update(expired.rerun(now));
        LOGGER.atInfo().addKeyValue("operationId", expired.id()).addKeyValue("attempt", expired.attempt() + 1)
            .log("Re-running an operation whose host stopped.");
        ActiveOperation operation = hold(expired.id(), kind, prepared, claimed);
        claimed.onLost(() -> stop(operation));
        active.put(expired.id(), operation);
        startQueued(operation);
    }

    /**
     * Stops ticking and ends every operation this host holds as Terminated, interrupting its work. Does not shut
     * the executor down.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        SchedulingClock.Cancellable tick = nextTick;
        if (tick != null) {
            tick.cancel();
        }
        for (ActiveOperation operation : active.values()) {
            try {
                ended(operation, OperationState.TERMINATED);
                finishOrRefuseResult(operation.record(), OperationState.TERMINATED, null,
                    "The host shut down before the operation finished.");
            } catch (RuntimeException lostOrStoreFault) {
                LOGGER.atWarning().addKeyValue("operationId", operation.id())
                    .log("Marking the operation Terminated failed; its lease will run out instead.",
                        lostOrStoreFault);
            }
            stop(operation);
        }
    }
}
