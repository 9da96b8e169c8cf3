package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Telemetry;
import io.github.adfkit.core.implementation.LeasedRow;
import io.github.adfkit.core.implementation.StoredRow;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches every container job of one host on one {@link SchedulingClock}: no thread per job, only timers. It keeps
 * the jobs it runs, counts how many are busy (doing I/O rather than waiting for a timer), tells listeners when a job
 * ends, and, with a store, adopts the stored jobs no live host holds a lease on.
 */
public final class JobEngine {
    private static final ClientLogger LOGGER = new ClientLogger(JobEngine.class);

    private final ContainerGroupsApi api;
    private final PipelineRunsApi pipelineRuns;
    private final EngineSettings settings;
    private final JobStore store;
    private final CallbackAsyncClient callbacks;
    private final PollScheduler polls;
    private final Map<String, JobRun> runs = new ConcurrentHashMap<>();
    private final List<Consumer<ContainerJobResult>> listeners = new CopyOnWriteArrayList<>();
    private final Object busyLock = new Object();
    private int busy;
    private volatile boolean closed;
    private boolean resuming;
    private SchedulingClock.Cancellable scanTimer;
    private volatile Telemetry telemetry = Telemetry.of(null);

    /**
     * @param api the ARM operations
     * @param pipelineRuns the Data Factory operation that jobs following their pipeline run read
     * @param settings timing, identity and subscription
     * @param store the job registry, or {@code null} for jobs that live only in this process
     * @param callbacks the ADF callback client
     * @param polls when each job's status is read
     */
    public JobEngine(ContainerGroupsApi api, PipelineRunsApi pipelineRuns, EngineSettings settings, JobStore store,
        CallbackAsyncClient callbacks, PollScheduler polls) {
        this.api = Objects.requireNonNull(api, "'api' cannot be null.");
        this.pipelineRuns = Objects.requireNonNull(pipelineRuns, "'pipelineRuns' cannot be null.");
        this.settings = Objects.requireNonNull(settings, "'settings' cannot be null.");
        this.store = store;
        this.callbacks = Objects.requireNonNull(callbacks, "'callbacks' cannot be null.");
        this.polls = Objects.requireNonNull(polls, "'polls' cannot be null.");
    }

    /**
     * Starts a job: records it (with a store), then launches it in the background.
     *
     * @param definition the checked job definition
     * @param callbackUri the ADF callBackUri to report to, or {@code null}
     * @return emits the job once it is recorded and its launch has begun
     */
    public Mono<JobRun> submit(ContainerGroupDefinition definition, String callbackUri) {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new IllegalStateException("This container job watcher is closed."));
            }
            JobSettings job = new JobSettings(definition.ref(settings.subscriptionId()),
                definition.spec().getImage(), definition.location(), definition.spec().getRestartPolicy(),
                definition.spec().getCleanupPolicy(), clock().now().plus(definition.spec().getTimeout()),
                definition.spec().getLogTailLines(), callbackUri, definition.spec().getRetryPolicy(),
                definition.spec().getPipelineRun());
            JobRun run = JobRun.toLaunch(this, job, definition);
            busy();
            if (runs.putIfAbsent(job.key(), run) != null) {
                idle();
                return Mono.error(new IllegalStateException("This host is already running a job in container group "
                    + job.ref().displayName() + "."));
            }
            if (store == null) {
                return Mono.just(run).doOnNext(JobRun::launch);
            }
            return store.create(job).map(held -> {
                held.ifPresentOrElse(recorded -> {
                    run.recorded(recorded);
                    run.launch();
                }, run::refuseNameTaken);
                return run;
            }).doOnError(notRecorded -> {
                runs.remove(job.key(), run);
                idle();
            });
        });
    }

    /**
     * Starts adopting stored jobs: now, and again every half lease, each job whose lease has run out (its host
     * died) is claimed ({@link io.github.adfkit.core.implementation.LeasedRow#claim}, one host wins) and finished
     * here from its journal.
     *
     * @throws IllegalStateException if there is no store
     */
    public void resumeStoredJobs() {
        if (store == null) {
            throw new IllegalStateException("No job store is configured: set tableClient(...) on the builder to resume "
                + "jobs after a restart.");
        }
        synchronized (this) {
            if (resuming || closed) {
                return;
            }
            resuming = true;
        }
        scan();
    }

    private void scan() {
        synchronized (this) {
            scanTimer = null;
            if (closed) {
                return;
            }
        }
        busy();
        store.claimable()
            .flatMapIterable(rows -> rows)
            .filter(row -> !runs.containsKey(JobRecord.settings(row).key()))
            .concatMap(row -> store.claim(row).flatMap(Mono::justOrEmpty))
            .onErrorResume(storeDown -> {
                LOGGER.warning("Could not read the job store ({}); trying again later.",
                    Redaction.text(storeDown.getMessage()));
                return Flux.empty();
            })
            .doFinally(ignored -> {
                synchronized (this) {
                    if (!closed) {
                        scanTimer = clock().schedule(leaseDuration().dividedBy(2), this::scan);
                    }
                }
                idle();
            })
            .subscribe(this::adopt);
    }

    private JobRun adopt(LeasedRow claimed) {
        JobRun run = JobRun.adopted(this, claimed);
        if (closed || runs.putIfAbsent(run.settings().key(), run) != null) {
            claimed.close();
            return runs.get(run.settings().key());
        }
        LOGGER.info("Resuming container job {} from the store.", run.settings().ref().displayName());
        busy();
        run.resume();
        return run;
    }

    /**
     * @param key a job's {@link JobSettings#key()}
     * @return the job if this host watches it
     */
    public Optional<JobRun> localRun(String key) {
        return Optional.ofNullable(runs.get(key)).filter(run -> !run.isEnded());
    }

    /**
     * @param key a job's {@link JobSettings#key()}
     * @return the job's stored record, or empty (also without a store)
     */
    public Mono<Optional<StoredRow>> storedRecord(String key) {
        return store == null ? Mono.just(Optional.empty()) : store.read(key);
    }

    /**
     * Adopts a stored job here if no live host holds it (its host died or released it).
     *
     * @param row the job's record
     * @return the job, or empty if another live host holds it
     */
    public Mono<Optional<JobRun>> adoptIfClaimable(StoredRow row) {
        if (store == null || !store.isClaimable(row)) {
            return Mono.just(Optional.empty());
        }
        return store.claim(row).map(held -> held.map(this::adopt));
    }

    /**
     * Records a cancel request for a job another host holds.
     *
     * @param job the job as recorded
     * @param reason why
     * @return completes once recorded
     */
    public Mono<Void> requestCancel(JobSettings job, String reason) {
        return store == null ? Mono.empty() : store.requestCancel(job, reason);
    }

    Mono<String> cancelRequest(JobSettings job) {
        if (store == null) {
            return Mono.empty();
        }
        return store.cancelRequest(job).onErrorResume(storeDown -> {
            LOGGER.verbose("Could not read the cancel requests ({}); reading them at the next poll.",
                Redaction.text(storeDown.getMessage()));
            return Mono.empty();
        });
    }

    /**
     * @return the subscription this engine's groups are in
     */
    public String subscriptionId() {
        return settings.subscriptionId();
    }

    PipelineRunsApi pipelineRuns() {
        return pipelineRuns;
    }

    /**
     * @param listener called with every result, on the thread that finished the job
     */
    public void addListener(Consumer<ContainerJobResult> listener) {
        listeners.add(Objects.requireNonNull(listener, "'listener' cannot be null."));
    }

    /**
     * @return how many jobs this host watches now
     */
    public int watchedJobCount() {
        return runs.size();
    }

    /**
     * Waits until no job is doing I/O (each waits for a timer, or none is left).
     *
     * @param timeout how long to wait at most
     * @return {@code true} if idle, {@code false} if the timeout passed first
     * @throws InterruptedException if the thread is interrupted
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (busyLock) {
            while (busy > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(busyLock, left);
            }
            return true;
        }
    }

    /**
     * Stops watching in this process: timers are cancelled, nothing more is sent, and stored jobs stay in the store
     * for the next host.
     */
    public void close() {
        synchronized (this) {
            closed = true;
            if (scanTimer != null) {
                scanTimer.cancel();
            }
        }
        runs.values().forEach(JobRun::stopLocally);
        runs.clear();
    }

    /**
     * @return {@code true} once {@link #close()} was called
     */
    public boolean isClosed() {
        return closed;
    }

    void finished(JobRun run, ContainerJobResult result) {
        runs.remove(run.settings().key(), run);
        polls.finished(run, result);
        if (store != null && result.getState() == ContainerJobState.CANCELLED) {
            store.clearCancel(run.settings()).subscribe(null, notCleared -> LOGGER.verbose(
                "A cancel request of {} stays in the store ({}); it names the job's deadline and affects no other job.",
                run.settings().ref().displayName(), Redaction.text(notCleared.getMessage())));
        }
        for (Consumer<ContainerJobResult> listener : listeners) {
            try {
                listener.accept(result);
            } catch (RuntimeException listenerFailed) {
                LOGGER.warning("A completion listener failed: {}", Redaction.text(listenerFailed.toString()));
            }
        }
        idle();
    }

    void abandoned(JobRun run) {
        runs.remove(run.settings().key(), run);
        idle();
    }

    void busy() {
        synchronized (busyLock) {
            busy++;
        }
    }

    void idle() {
        synchronized (busyLock) {
            busy--;
            if (busy <= 0) {
                busyLock.notifyAll();
            }
        }
    }

    /**
     * @return the ARM operations
     */
    public ContainerGroupsApi api() {
        return api;
    }

    SchedulingClock clock() {
        return settings.clock();
    }

    PollScheduler polls() {
        return polls;
    }

    Backoff retryBackoff() {
        return settings.retryBackoff();
    }

    Duration leaseDuration() {
        return settings.leaseDuration();
    }

    CallbackAsyncClient callbacks() {
        return callbacks;
    }

    /**
     * @param telemetry where the jobs' spans and counters go (the client options' tracing and metrics)
     * @return this engine
     */
    public JobEngine telemetry(Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' cannot be null.");
        return this;
    }

    Telemetry telemetry() {
        return telemetry;
    }

    String callbackUriOf(JobSettings job) {
        return settings.sealingKeys().open(job.callbackUri());
    }
}
