package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
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
import java.util.function.Consumer;

/**
 * The jobs of one watcher: every container job of one host, watched on one {@link SchedulingClock} (no thread per
 * job, only timers). It keeps the jobs it runs, counts how many are busy (doing I/O rather than waiting for a
 * timer), tells listeners when a job ends, and, with a store, adopts the stored jobs no live host holds a lease on.
 * Each job's run gets what it needs from here as one {@link JobContext}.
 */
public final class WatchedJobs {
    private static final ClientLogger LOGGER = new ClientLogger(WatchedJobs.class);

    private final WatcherSettings settings;
    private final JobStore store;
    private final JobContext context;
    private final Map<String, JobRun> runs = new ConcurrentHashMap<>();
    private final List<Consumer<ContainerJobResult>> listeners = new CopyOnWriteArrayList<>();
    private final BusyCount busy = new BusyCount();
    private volatile boolean closed;
    private boolean resuming;
    private SchedulingClock.Cancellable scanTimer;

    /**
     * @param api the ARM operations
     * @param pipelineRuns the Data Factory operation that jobs following their pipeline run read
     * @param settings timing, identity and subscription
     * @param store the job registry, or {@code null} for jobs that live only in this process
     * @param callbacks the ADF callback client
     * @param polls when each job's status is read
     * @param telemetry where the jobs' spans and counters go (the client options' tracing and metrics)
     */
    public WatchedJobs(ContainerGroupsApi api, PipelineRunsApi pipelineRuns, WatcherSettings settings, JobStore store,
        CallbackAsyncClient callbacks, PollScheduler polls, Telemetry telemetry) {
        this.settings = Objects.requireNonNull(settings, "'settings' cannot be null.");
        this.store = store;
        this.context = new JobContext(Objects.requireNonNull(api, "'api' cannot be null."),
            Objects.requireNonNull(pipelineRuns, "'pipelineRuns' cannot be null."), settings.clock(),
            settings.retryBackoff(), Objects.requireNonNull(polls, "'polls' cannot be null."),
            Objects.requireNonNull(callbacks, "'callbacks' cannot be null."),
            Objects.requireNonNull(telemetry, "'telemetry' cannot be null."), settings.sealingKeys()::open, busy,
            this::isClosed, this::cancelRequest, this::finished, this::abandoned);
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
            JobIdentity job = new JobIdentity(definition.ref(settings.subscriptionId()),
                definition.spec().getImage(), definition.location(), definition.spec().getRestartPolicy(),
                definition.spec().getCleanupPolicy(), settings.clock().now().plus(definition.spec().getTimeout()),
                definition.spec().getLogTailLines(), callbackUri, definition.spec().getRetryPolicy(),
                definition.spec().getPipelineRun());
            JobRun run = JobRun.toLaunch(context, job, definition);
            busy.busy();
            if (runs.putIfAbsent(job.key(), run) != null) {
                busy.idle();
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
                busy.idle();
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
        busy.busy();
        store.claimable()
            .flatMapIterable(rows -> rows)
            .filter(row -> !runs.containsKey(JobRecord.identity(row).key()))
            .concatMap(row -> store.claim(row).flatMap(Mono::justOrEmpty))
            .onErrorResume(storeDown -> {
                LOGGER.warning("Could not read the job store ({}); trying again later.",
                    Redaction.text(storeDown.getMessage()));
                return Flux.empty();
            })
            .doFinally(ignored -> {
                synchronized (this) {
                    if (!closed) {
                        scanTimer = settings.clock().schedule(settings.leaseDuration().dividedBy(2), this::scan);
                    }
                }
                busy.idle();
            })
            .subscribe(this::adopt);
    }

    private JobRun adopt(LeasedRow claimed) {
        JobRun run = JobRun.adopted(context, claimed);
        if (closed || runs.putIfAbsent(run.identity().key(), run) != null) {
            claimed.close();
            return runs.get(run.identity().key());
        }
        LOGGER.info("Resuming container job {} from the store.", run.identity().ref().displayName());
        busy.busy();
        run.resume();
        return run;
    }

    /**
     * @param key a job's {@link JobIdentity#key()}
     * @return the job if this host watches it
     */
    public Optional<JobRun> localRun(String key) {
        return Optional.ofNullable(runs.get(key)).filter(run -> !run.isEnded());
    }

    /**
     * @param key a job's {@link JobIdentity#key()}
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
    public Mono<Void> requestCancel(JobIdentity job, String reason) {
        return store == null ? Mono.empty() : store.requestCancel(job, reason);
    }

    private Mono<String> cancelRequest(JobIdentity job) {
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
     * @return the subscription this watcher's groups are in
     */
    public String subscriptionId() {
        return settings.subscriptionId();
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
        return busy.awaitIdle(timeout);
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
    private boolean isClosed() {
        return closed;
    }

    private void finished(JobRun run, ContainerJobResult result) {
        runs.remove(run.identity().key(), run);
        context.polls().finished(run, result);
        if (store != null && result.getState() == ContainerJobState.CANCELLED) {
            store.clearCancel(run.identity()).subscribe(null, notCleared -> LOGGER.verbose(
                "A cancel request of {} stays in the store ({}); it names the job's deadline and affects no other job.",
                run.identity().ref().displayName(), Redaction.text(notCleared.getMessage())));
        }
        for (Consumer<ContainerJobResult> listener : listeners) {
            try {
                listener.accept(result);
            } catch (RuntimeException listenerFailed) {
                LOGGER.warning("A completion listener failed: {}", Redaction.text(listenerFailed.toString()));
            }
        }
        busy.idle();
    }

    private void abandoned(JobRun run) {
        runs.remove(run.identity().key(), run);
        busy.idle();
    }

    /**
     * @return the ARM operations
     */
    public ContainerGroupsApi api() {
        return context.api();
    }
}
