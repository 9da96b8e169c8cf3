package io.github.adfkit.durable.server.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.AdfkitException;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.durable.server.OperationFailedException;
import io.github.adfkit.durable.server.OperationRequest;
import io.github.adfkit.durable.server.models.SingleFlightMode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs operations: accepts submits, runs the work on the executor, keeps leases alive while work runs, and on every
 * tick of the clock renews this host's leases, turns other hosts' expired operations into Failed (or re-runs them)
 * and deletes records past their retention.
 */
public final class OperationSupervisor implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(OperationSupervisor.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final int MAX_COMPLETION_WRITES = 6;
    private static final Backoff COMPLETION_BACKOFF = Backoff.exponential(Duration.ofSeconds(1),
        Duration.ofSeconds(30));

    private final OperationRepository repository;
    private final SingleFlightLeases leases;
    private final Map<String, KindDefinition> kinds;
    private final ExecutorService executor;
    private final SchedulingClock clock;
    private final SupervisorSettings settings;
    private final ConcurrentMap<String, ActiveOperation> active = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SchedulingClock.Cancellable nextTick;
    private volatile Instant lastSweep;
    private volatile Instant lastPurge;

    /**
     * Creates the supervisor and starts its ticks.
     *
     * @param store where records live
     * @param kinds the registered kinds by name
     * @param executor where the work runs
     * @param clock the time source; ticks are scheduled on it
     * @param settings lease and retention settings
     */
    public OperationSupervisor(RecordStore store, Map<String, KindDefinition> kinds, ExecutorService executor,
        SchedulingClock clock, SupervisorSettings settings) {
        this.repository = new OperationRepository(store);
        this.leases = new SingleFlightLeases(store, settings.retention());
        this.kinds = Map.copyOf(kinds);
        this.executor = executor;
        this.clock = clock;
        this.settings = settings;
        scheduleTick();
    }

    /**
     * Accepts a validated submit: stores the operation, claims the Idempotency-Key if there is one, and starts or
     * queues the work (or ends it as Conflict when its single-flight key is busy).
     *
     * @param kind the operation kind
     * @param prepared the validated input
     * @param request what the caller submitted, stored for a re-run
     * @param idempotencyKey the caller's Idempotency-Key, or {@code null}
     * @return the new operation, or the one the Idempotency-Key started earlier
     * @throws RecordTooLargeException if the parameters do not fit in the store (nothing is stored)
     * @throws RejectedExecutionException if the executor refuses more work (nothing is kept)
     */
    public OperationRecord submit(KindDefinition kind, PreparedOperation prepared, OperationRequest request,
        String idempotencyKey) {
        String idempotencyHash = idempotencyKey == null ? null : OperationIds.hashKey(kind.name(), idempotencyKey);
        if (idempotencyHash != null) {
            Optional<OperationRecord> earlier = repository.idempotencyHolder(idempotencyHash)
                .flatMap(repository::find);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Instant now = clock.now();
        OperationRecord record = repository.create(OperationRecord.pending(OperationIds.newId(), kind.name(),
            SubmittedParameters.toJson(request), settings.hostId(), now, now.plus(settings.leaseDuration())));
        if (idempotencyHash != null) {
            Optional<String> holder = repository.claimIdempotencyKey(idempotencyHash, record.id(),
                now.plus(settings.retention()));
            if (holder.isPresent()) {
                repository.delete(record);
                return repository.find(holder.get()).orElseThrow(() -> LOGGER.logExceptionAsError(
                    new IllegalStateException("The operation of an Idempotency-Key claim is gone.")));
            }
        }
        ActiveOperation operation = new ActiveOperation(record.id(), kind, prepared);
        active.put(record.id(), operation);
        try {
            startOrQueue(operation);
        } catch (RejectedExecutionException busy) {
            active.remove(record.id());
            releaseLease(operation);
            repository.delete(record);
            if (idempotencyHash != null) {
                repository.releaseIdempotencyKey(idempotencyHash, record.id());
            }
            throw busy;
        }
        return record;
    }

    /**
     * @param id a well-formed operation id
     * @return the operation, or empty if there is none or it is past its retention
     */
    public Optional<OperationRecord> find(String id) {
        Instant now = clock.now();
        return repository.find(id).filter(record -> record.expiresAt() == null || record.expiresAt().isAfter(now));
    }

    /**
     * Cancels an operation that has not finished, wherever it runs: the record becomes Canceled at once; the host
     * that runs the work interrupts it (this one now, another one at its next lease renewal).
     *
     * @param id a well-formed operation id
     * @return the operation afterwards (unchanged if it had already finished), or empty if there is none
     */
    public Optional<OperationRecord> cancel(String id) {
        Instant now = clock.now();
        Optional<OperationRecord> after = repository.update(id, record -> record.status().isTerminal() ? null
            : record.finished(OperationState.CANCELED, null, "The operation was canceled.", now,
            settings.retention()));
        ActiveOperation operation = active.get(id);
        if (operation != null) {
            stop(operation);
        }
        return after;
    }

    private void startOrQueue(ActiveOperation operation) {
        if (operation.singleFlightKeyHash() != null) {
            Instant now = clock.now();
            Optional<SingleFlightLeases.Lease> lease = leases.tryAcquire(operation.singleFlightKeyHash(),
                operation.id(), now, now.plus(settings.leaseDuration()));
            if (lease.isEmpty()) {
                if (operation.kind().singleFlightMode() == SingleFlightMode.CONFLICT) {
                    active.remove(operation.id());
                    finishIfRunnable(operation.id(), OperationState.CONFLICT, null, "Another '"
                        + operation.kind().name() + "' operation with the same key is running; submit again when it "
                        + "has finished.");
                } else {
                    operation.queued(true);
                }
                return;
            }
            operation.lease(lease.get());
        }
        operation.queued(false);
        operation.future(executor.submit(() -> run(operation)));
    }

    private void run(ActiveOperation operation) {
        operation.markStarted();
        try {
            Instant now = clock.now();
            Optional<OperationRecord> running = repository.update(operation.id(),
                record -> record.status() == OperationState.PENDING && isOwner(record)
                    ? record.running(now, now.plus(settings.leaseDuration())) : null);
            if (running.isPresent() && running.get().status() == OperationState.RUNNING) {
                execute(operation);
            }
        } finally {
            active.remove(operation.id());
            releaseLease(operation);
            startQueuedWithKey(operation.singleFlightKeyHash());
        }
    }

    private void execute(ActiveOperation operation) {
        try {
            Object result = operation.prepared().execute();
            finishDurably(operation.id(), OperationState.COMPLETED, Json.mapper().writeValueAsString(result), null);
        } catch (OperationFailedException failed) {
            LOGGER.atInfo().addKeyValue("operationId", operation.id()).log("The operation failed.",
                loggable(failed));
            finishDurably(operation.id(), OperationState.FAILED, null, failed.getMessage());
        } catch (InterruptedException interrupted) {
            finishDurably(operation.id(), OperationState.TERMINATED, null,
                "The work was interrupted before it finished.");
            Thread.currentThread().interrupt();
        } catch (Exception unexpected) {
            String incident = UUID.randomUUID().toString();
            LOGGER.atWarning().addKeyValue("operationId", operation.id()).addKeyValue("incident", incident)
                .log("The operation failed.", loggable(unexpected));
            finishDurably(operation.id(), OperationState.FAILED, null,
                "The operation failed; the host log has the details under incident " + incident + ".");
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

    private void finishDurably(String id, OperationState status, String resultJson, String error) {
        for (int attempt = 1; ; attempt++) {
            try {
                finishOrRefuseResult(id, status, resultJson, error);
                return;
            } catch (RuntimeException storeFault) {
                if (closed.get() || Thread.currentThread().isInterrupted()) {
                    LOGGER.atVerbose().addKeyValue("operationId", id).log("The host is shutting down; the outcome "
                        + "is not stored.", storeFault);
                    return;
                }
                if (attempt >= MAX_COMPLETION_WRITES) {
                    LOGGER.atError().addKeyValue("operationId", id).log("The outcome of the operation could not be "
                        + "stored; its lease will expire and it will be marked Failed.", storeFault);
                    return;
                }
                LOGGER.atWarning().addKeyValue("operationId", id).log("Storing the outcome failed; retrying.",
                    storeFault);
                try {
                    clock.sleep(COMPLETION_BACKOFF.delay(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void finishOrRefuseResult(String id, OperationState status, String resultJson, String error) {
        try {
            finishIfRunnable(id, status, resultJson, error);
        } catch (RecordTooLargeException tooLarge) {
            finishIfRunnable(id, OperationState.FAILED, null, "The result is " + tooLarge.size()
                + " characters of JSON; the operation store keeps at most " + tooLarge.limit()
                + ". Return a smaller result, such as a reference to where the data is.");
        }
    }

    private void finishIfRunnable(String id, OperationState status, String resultJson, String error) {
        Instant now = clock.now();
        repository.update(id, record -> !record.status().isTerminal() && isOwner(record)
            ? record.finished(status, resultJson, error, now, settings.retention()) : null);
    }

    private boolean isOwner(OperationRecord record) {
        return settings.hostId().equals(record.owner());
    }

    private void stop(ActiveOperation operation) {
        active.remove(operation.id());
        if (operation.future() != null) {
            operation.future().cancel(true);
        }
        if (!operation.started()) {
            releaseLease(operation);
        }
    }

    private void releaseLease(ActiveOperation operation) {
        SingleFlightLeases.Lease lease = operation.lease();
        if (lease != null) {
            try {
                leases.release(lease);
            } catch (RuntimeException storeFault) {
                LOGGER.atWarning().addKeyValue("operationId", operation.id())
                    .log("Releasing the single-flight lease failed; it will expire on its own.", storeFault);
            }
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
            releaseLease(operation);
            operation.lease(null);
            operation.queued(true);
        }
    }

    private void scheduleTick() {
        if (!closed.get()) {
            nextTick = clock.schedule(settings.tickInterval(), this::tick);
        }
    }

    private void tick() {
        try {
            active.values().forEach(this::renewQuietly);
            Instant now = clock.now();
            if (isDue(lastSweep, settings.leaseDuration(), now)) {
                lastSweep = now;
                sweepExpiredLeases(now);
            }
            if (isDue(lastPurge, settings.purgeInterval(), now)) {
                lastPurge = now;
                repository.purgeExpired(now);
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

    private void renewQuietly(ActiveOperation operation) {
        try {
            renew(operation);
        } catch (RuntimeException storeFault) {
            if (!closed.get()) {
                LOGGER.atWarning().addKeyValue("operationId", operation.id())
                    .log("Renewing the operation's lease failed; trying again at the next tick.", storeFault);
            }
        }
    }

    private void renew(ActiveOperation operation) {
        Instant until = clock.now().plus(settings.leaseDuration());
        Optional<OperationRecord> current = repository.update(operation.id(),
            record -> !record.status().isTerminal() && isOwner(record) ? record.renewed(until) : null);
        if (current.isEmpty() || current.get().status().isTerminal() || !isOwner(current.get())) {
            stop(operation);
            return;
        }
        SingleFlightLeases.Lease lease = operation.lease();
        if (lease != null) {
            Optional<SingleFlightLeases.Lease> renewed = leases.renew(lease, until);
            if (renewed.isEmpty()) {
                operation.lease(null);
                finishIfRunnable(operation.id(), OperationState.FAILED, null, "The operation lost its "
                    + "single-flight lease to another operation and was stopped.");
                stop(operation);
                return;
            }
            operation.lease(renewed.get());
        }
        if (operation.queued()) {
            startQueued(operation);
        }
    }

    private static boolean isDue(Instant last, Duration interval, Instant now) {
        return last == null || !now.isBefore(last.plus(interval));
    }

    private void sweepExpiredLeases(Instant now) {
        for (OperationRecord expired : repository.listLeaseExpired(now)) {
            if (active.containsKey(expired.id())) {
                continue;
            }
            KindDefinition kind = kinds.get(expired.kind());
            if (kind != null && kind.rerunAfterHostFailure() && expired.attempt() < MAX_ATTEMPTS) {
                rerun(expired, kind, now);
            } else {
                failDead(expired, now);
            }
        }
    }

    private void failDead(OperationRecord expired, Instant now) {
        repository.replace(expired.finished(OperationState.FAILED, null, "The host running this operation stopped "
            + "before it finished (its lease expired at " + expired.leaseUntil() + ").", now, settings.retention()));
    }

    private void rerun(OperationRecord expired, KindDefinition kind, Instant now) {
        PreparedOperation prepared;
        try {
            prepared = kind.prepare(SubmittedParameters.fromJson(expired.parametersJson()));
        } catch (RuntimeException noLongerValid) {
            LOGGER.atWarning().addKeyValue("operationId", expired.id())
                .log("The operation's parameters no longer validate; it is not re-run.", noLongerValid);
            failDead(expired, now);
            return;
        }
        Optional<OperationRecord> taken = repository.replace(expired.rerun(settings.hostId(), now,
            now.plus(settings.leaseDuration())));
        if (taken.isPresent()) {
            LOGGER.atInfo().addKeyValue("operationId", expired.id()).addKeyValue("attempt", taken.get().attempt())
                .log("Re-running an operation whose host stopped.");
            ActiveOperation operation = new ActiveOperation(expired.id(), kind, prepared);
            active.put(expired.id(), operation);
            startQueued(operation);
        }
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
                finishIfRunnable(operation.id(), OperationState.TERMINATED, null,
                    "The host shut down before the operation finished.");
            } catch (RuntimeException storeFault) {
                LOGGER.atWarning().addKeyValue("operationId", operation.id())
                    .log("Marking the operation Terminated failed; its lease will expire instead.", storeFault);
            }
            stop(operation);
        }
    }
}
