package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.SchedulingClock;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Hands a running job's new output lines to the caller's listener: each poll of a running container reads the latest
 * lines with their timestamps, and the end of the job reads once more. A read that fails is skipped, never failing
 * the job; the next one catches up. The lines are the container's output and are never logged here.
 */
final class LiveLogStream {
    private static final ClientLogger LOGGER = new ClientLogger(LiveLogStream.class);
    private static final int OK = 200;
    private static final int LAST_READ_ATTEMPTS = 8;

    private final ContainerGroupsApi api;
    private final SchedulingClock clock;
    private final JobIdentity job;
    private final JobCalls calls;
    private final Consumer<String> listener;
    private final int tailLines;
    private final TimestampedLogCursor cursor = new TimestampedLogCursor();

    /**
     * @param definition the job's definition, or {@code null} for a job adopted from the store (not streamed)
     */
    LiveLogStream(ContainerGroupsApi api, SchedulingClock clock, JobIdentity job, JobCalls calls,
        ContainerGroupDefinition definition) {
        this.api = api;
        this.clock = clock;
        this.job = job;
        this.calls = calls;
        this.listener = definition == null ? null : definition.spec().getLogListener();
        this.tailLines = definition == null ? 1 : definition.spec().getLogStreamTailLines();
    }

    /**
     * Reads once while the container runs.
     *
     * @return completes with how long the server asked to wait before the next read ({@link Duration#ZERO} when it
     *     did not ask)
     */
    Mono<Duration> readWhileRunning() {
        if (listener == null) {
            return Mono.just(Duration.ZERO);
        }
        return calls.once(() -> api.logs(job.ref(), tailLines, true))
            .map(response -> {
                deliver(response);
                Duration hint = response.isSuccess() ? null : response.retryAfter(clock.now());
                return hint == null ? Duration.ZERO : hint;
            });
    }

    /**
     * Reads once more after the job has ended, retrying transient answers, so the last lines are handed over too.
     *
     * @return completes once the lines were handed over or could not be read
     */
    Mono<Void> readLast() {
        if (listener == null) {
            return Mono.empty();
        }
        return calls.retrying(() -> api.logs(job.ref(), tailLines, true), calls.atMost(LAST_READ_ATTEMPTS))
            .doOnNext(this::deliver)
            .then();
    }

    private void deliver(ArmResponse response) {
        if (response.status() != OK) {
            LOGGER.verbose("Skipped a log read of {}: {}.", job.ref().displayName(), response.describeError());
            return;
        }
        for (String line : cursor.newLines(response.body().path("content").asText(""))) {
            try {
                listener.accept(line);
            } catch (RuntimeException listenerFailed) {
                LOGGER.warning("The log listener of {} threw {}; the line is skipped.", job.ref().displayName(),
                    listenerFailed.getClass().getName());
            }
        }
    }
}
