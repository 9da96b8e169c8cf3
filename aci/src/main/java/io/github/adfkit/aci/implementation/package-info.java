/**
 * The implementation of container jobs. {@code WatchedJobs} owns the jobs of one watcher (the busy count, the
 * listeners, adopting stored jobs) and hands each job's run its {@code JobContext}; a {@code JobRun} goes from launch
 * ({@code GroupLaunch}) through status polls within the shared ARM read budget ({@code PollScheduler},
 * {@code StatusReadQueue}, {@code ArmReadBudget}), read by {@code GroupStatusReading}, and live logs to the log tail,
 * cleanup ({@code GroupCleanup}) and the callback. {@code JobCalls} guards each call by the lease and the watcher's
 * state and retries transient ARM answers on core's {@code WaitLoop} and {@code RetrySchedule}; {@code JobPollSource}
 * is a job as core's {@code SourceSyncPoller} and {@code SourcePollerFlux} see it. The ARM calls for container
 * groups and pipeline runs, the job's identity ({@code JobIdentity}) and journal in the job table, jobs by name and
 * cancel requests are here too. Not exported; nothing here is API.
 */
package io.github.adfkit.aci.implementation;
