package io.github.adfkit.aci.implementation;

import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.RetrySchedule;
import io.github.adfkit.core.implementation.Telemetry;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * What the pieces of a job's run get from the {@link WatchedJobs} that owns the job, as values: the services they
 * call, the clock and retry delays, the busy count, whether the watcher is closed, and the two hooks by which a job
 * leaves its watcher.
 *
 * @param api the ARM operations on container groups
 * @param pipelineRuns the Data Factory operation that jobs following their pipeline run read
 * @param clock the clock every wait goes through
 * @param retryBackoff the delays between retries of a transient answer (a {@code Retry-After} wins)
 * @param polls when each job's status is read
 * @param callbacks the ADF callback client
 * @param telemetry where the jobs' spans and counters go
 * @param openCallbackUri opens a job's sealed {@code callBackUri}
 * @param busy the watcher's count of busy jobs
 * @param closed whether the watcher was closed
 * @param cancelRequest the reason of a cancel request recorded for a job, or empty (also when it cannot be read)
 * @param finished called once a job has ended, with its result
 * @param abandoned called when a job stops here without a result (another host finishes it)
 */
record JobContext(ContainerGroupsApi api, PipelineRunsApi pipelineRuns, SchedulingClock clock, Backoff retryBackoff,
    PollScheduler polls, CallbackAsyncClient callbacks, Telemetry telemetry, UnaryOperator<String> openCallbackUri,
    BusyCount busy, BooleanSupplier closed, Function<JobIdentity, Mono<String>> cancelRequest,
    BiConsumer<JobRun, ContainerJobResult> finished, Consumer<JobRun> abandoned) {
    /**
     * @return the retry delays, without a limit of attempts or a deadline
     */
    RetrySchedule retries() {
        return RetrySchedule.of(retryBackoff, clock);
    }

    /**
     * @param delay how long
     * @return waits on the clock without holding a thread, the job counting as idle meanwhile
     */
    Mono<Void> waitIdle(Duration delay) {
        return busy.waitIdle(clock, delay);
    }

    /**
     * @return whether the watcher was closed
     */
    boolean isClosed() {
        return closed.getAsBoolean();
    }
}
