package io.github.adfkit.aci;

import io.github.adfkit.aci.implementation.WatchedJobs;
import io.github.adfkit.aci.models.ContainerJobResult;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Watches all the container jobs of one client from a shared scheduler: each job is a timer, not a thread, so one
 * host follows hundreds of jobs for hours. Polls come every 15 s by default (every 5 s around a job's expected end,
 * rarer before it) within an ARM read budget shared by every client of the subscription in the process, honour
 * {@code Retry-After}, and retry 429, 5xx and I/O failures without ever failing a job or deleting a running
 * container because of them.
 *
 * <p>With a job store (see {@link ContainerJobClientBuilder#tableClient}), every job and its pending callback are in
 * Table storage: call {@link #resumeStoredJobs()} when a host starts, and it finishes what a host that died left,
 * once its lease has run out. Only one host reports each job.</p>
 *
 * <p>Obtain it from {@link ContainerJobAsyncClient#getWatcher()} or {@link ContainerJobClient#getWatcher()}.
 * Thread-safe.</p>
 */
public final class ContainerJobWatcher implements AutoCloseable {
    private final WatchedJobs jobs;

    ContainerJobWatcher(WatchedJobs jobs) {
        this.jobs = jobs;
    }

    /**
     * Registers a listener that is called with the result of every job this watcher finishes, including jobs it
     * resumed from the store.
     *
     * @param listener called on the thread that finished the job; it should return quickly
     */
    public void addCompletionListener(Consumer<ContainerJobResult> listener) {
        jobs.addListener(listener);
    }

    /**
     * @return how many jobs this watcher follows now
     */
    public int getWatchedJobCount() {
        return jobs.watchedJobCount();
    }

    /**
     * Starts adopting stored jobs: now, and again every half lease, every stored job whose host's lease has run out
     * is claimed (ETag-conditional) and followed to its end here: watched, logs read, cleaned up, reported to ADF.
     * Call it once when the host starts; calling again does nothing.
     *
     * @throws IllegalStateException if the client has no job store
     */
    public void resumeStoredJobs() {
        jobs.resumeStoredJobs();
    }

    /**
     * Waits until no job is in the middle of a step (an ARM call, a store write, a callback): every job is waiting
     * for its next timer, or none is left. Useful in tests that drive a manual clock, and before an orderly
     * shutdown.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if no job was busy, {@code false} if the timeout passed first
     * @throws InterruptedException if the thread is interrupted
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return jobs.awaitIdle(timeout);
    }

    /**
     * Stops watching in this process: timers are cancelled and nothing more is sent to ARM, the store or ADF.
     * Stored jobs stay in the store for the next host that calls {@link #resumeStoredJobs()}; jobs without a store
     * are left running. Pollers of unfinished jobs end with a {@link ContainerJobException}.
     */
    @Override
    public void close() {
        jobs.close();
    }
}
