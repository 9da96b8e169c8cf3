package io.github.adfkit.aci.implementation;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import io.github.adfkit.aci.models.PipelineRunReference;
import io.github.adfkit.core.implementation.Endpoints;
import reactor.core.publisher.Mono;

import java.util.Objects;
import java.util.Set;

/**
 * The one Data Factory operation a job that follows its pipeline needs: {@code GET .../factories/{factory}/
 * pipelineruns/{runId}} (api-version 2018-06-01), whose {@code status} is one of {@code Queued, InProgress,
 * Succeeded, Failed, Canceling, Cancelled}.
 */
public final class PipelineRunsApi {
    /** The Data Factory api-version. */
    static final String API_VERSION = "2018-06-01";
    /** The run statuses after which nobody waits for the job any more. */
    private static final Set<String> ENDED = Set.of("cancelled", "canceling", "cancelling", "failed");

    private final HttpPipeline pipeline;
    private final String endpoint;

    /**
     * @param pipeline the pipeline (authentication, logging)
     * @param endpoint the ARM endpoint that serves the factories
     */
    public PipelineRunsApi(HttpPipeline pipeline, String endpoint) {
        this.pipeline = Objects.requireNonNull(pipeline, "'pipeline' cannot be null.");
        this.endpoint = Endpoints.withoutTrailingSlash(endpoint, "endpoint");
    }

    /**
     * @param run the run
     * @param defaultSubscription the subscription to use when the run names none
     * @return the answer, whatever its status
     */
    public Mono<ArmResponse> get(PipelineRunReference run, String defaultSubscription) {
        String subscription = run.getSubscriptionId() == null ? defaultSubscription : run.getSubscriptionId();
        String url = endpoint + "/subscriptions/" + subscription + "/resourceGroups/" + run.getResourceGroup()
            + "/providers/Microsoft.DataFactory/factories/" + run.getFactoryName() + "/pipelineruns/"
            + run.getRunId() + "?api-version=" + API_VERSION;
        return ContainerGroupsApi.send(pipeline, new HttpRequest(HttpMethod.GET, url));
    }

    /**
     * @param status a run's {@code status}
     * @return whether the pipeline no longer waits for the job: cancelled, being cancelled, or failed
     */
    static boolean hasEnded(String status) {
        return status != null && ENDED.contains(status.toLowerCase(java.util.Locale.ROOT));
    }
}
