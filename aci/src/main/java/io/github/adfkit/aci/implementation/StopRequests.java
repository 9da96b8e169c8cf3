package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.PipelineRunReference;
import io.github.adfkit.core.Redaction;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * What may end a watched job from outside before its next status read: a cancel request recorded in the job store
 * by any host, or the end (cancelled, failed) of the ADF pipeline run the job follows.
 */
final class StopRequests {
    private static final ClientLogger LOGGER = new ClientLogger(StopRequests.class);
    private static final int OK = 200;

    private final JobContext context;
    private final JobIdentity job;

    StopRequests(JobContext context, JobIdentity job) {
        this.context = context;
        this.job = job;
    }

    /**
     * Why a job stops.
     *
     * @param reason the failure reason it ends with
     * @param message the reason, in words
     */
    record Stop(ContainerJobFailureReason reason, String message) {
    }

    /**
     * @return the first reason to stop, or empty; a store or ADF that does not answer is not a reason
     */
    Mono<Optional<Stop>> find() {
        return context.cancelRequest().apply(job)
            .map(reason -> Optional.of(new Stop(ContainerJobFailureReason.CANCELLED, reason)))
            .switchIfEmpty(Mono.defer(this::pipelineEnded))
            .defaultIfEmpty(Optional.empty());
    }

    private Mono<Optional<Stop>> pipelineEnded() {
        PipelineRunReference run = job.pipelineRun();
        if (run == null) {
            return Mono.empty();
        }
        return context.pipelineRuns().get(run, job.ref().subscriptionId())
            .flatMap(response -> {
                String status = response.body().path("status").asText(null);
                if (response.status() == OK && PipelineRunsApi.hasEnded(status)) {
                    String adfMessage = response.body().path("message").asText("");
                    return Mono.just(Optional.of(new Stop(ContainerJobFailureReason.PIPELINE_ENDED,
                        "its pipeline run " + run.getRunId() + " in factory " + run.getFactoryName() + " is "
                            + status + (adfMessage.isBlank() ? "" : ": " + Redaction.text(adfMessage)))));
                }
                if (response.status() != OK) {
                    LOGGER.verbose("Could not read pipeline run {} of {}: {}.", run.getRunId(),
                        job.ref().displayName(), response.describeError());
                }
                return Mono.<Optional<Stop>>empty();
            })
            .onErrorResume(noAnswer -> !JobCalls.isStop(noAnswer), noAnswer -> {
                LOGGER.verbose("No answer reading pipeline run {}: {}.", run.getRunId(),
                    Redaction.text(String.valueOf(noAnswer.getMessage())));
                return Mono.empty();
            });
    }
}
