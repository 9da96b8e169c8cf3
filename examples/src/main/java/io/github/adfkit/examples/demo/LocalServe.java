package io.github.adfkit.examples.demo;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.models.OperationStatus;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code --serve}: {@link DemoHost} on the local fakes (Azurite, the fakes of ARM and of ADF's callback endpoint)
 * for a person to call with curl, and a curl line for every route, with this run's pipelines' key and real ids.
 */
final class LocalServe implements AutoCloseable {
    private static final Duration PREPARE_DEADLINE = Duration.ofSeconds(30);
    private static final String KEY_HEADER = "x-functions-key";

    private final LocalEnvironment environment;
    private final DemoHost host;

    private LocalServe(LocalEnvironment environment, DemoHost host) {
        this.environment = environment;
        this.host = host;
    }

    /**
     * Starts Azurite, the fakes and the host.
     *
     * @param port the loopback port the host listens on; 0 for a free one
     * @return the running host and fakes
     * @throws RuntimeException if something cannot start (the port is taken, Node.js is missing...); what had
     *     started is stopped again
     */
    static LocalServe start(int port) {
        LocalEnvironment environment = LocalEnvironment.start();
        try {
            return new LocalServe(environment,
                DemoHost.start(environment, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        } catch (RuntimeException e) {
            environment.close();
            throw e;
        }
    }

    /**
     * @return the host's base URL
     */
    String baseUrl() {
        return host.baseUrl();
    }

    /**
     * Submits a query and pauses a pipeline, so that the status, restart and pause-data lines carry real ids, then
     * gives a request for every route, in an order that works when they are pasted one after the other.
     *
     * @return the requests
     * @throws DemoStepFailure if the query or the pause fails
     */
    List<RouteExample> examples() {
        String base = host.baseUrl();
        String key = environment.pipelineKey();
        OperationStatus query = PipelineTour.pipelineClient(key).buildClient()
            .beginOperation(new BeginOperationOptions(HttpMethod.POST, base + "/api/submit/query?" + DemoAuditRows.QUERY),
                JsonNode.class)
            .waitForCompletion(PREPARE_DEADLINE).getValue();
        if (!query.getStatus().isSuccess()) {
            throw new DemoStepFailure("the query submitted at start ended " + query.getStatus());
        }
        String pauseBody = PauseRestartFlow.body(LocalEnvironment.RESUMED_PIPELINE);
        JsonNode ticket = DemoHttp.json(DemoHttp.expect(new DemoHttp().postJson(base + "/pause", pauseBody,
            KEY_HEADER, key), 201, "POST /pause"));
        String pauseId = ticket.path("pauseId").asText();
        String restartUrl = ticket.path("restartUrl").asText();
        return List.of(
            new RouteExample(202, "POST /jobs, as ADF's WebHook activity: a container job on the fake ACI (about 4 s), "
                + "then the callback to the fake ADF", CurlLine.post(base + "/jobs").header(KEY_HEADER, key)
                .json(WebhookJobFlow.body(environment.callbacks().callbackUri("curl-run-1")))),
            new RouteExample(202, "submit the seed's audit query; Location is its status URL",
                CurlLine.post(base + "/api/submit/query?" + DemoAuditRows.QUERY).header(KEY_HEADER, key)),
            new RouteExample(202, "submit a report rebuild (2 s, single-flight: a second one at once is a Conflict)",
                CurlLine.post(base + "/api/submit/rebuild").header(KEY_HEADER, key)),
            new RouteExample(200, "the status of the query submitted at start: Completed, with its result",
                CurlLine.get(base + "/api/status/" + query.getStatusMonitor().getId()).header(KEY_HEADER, key)),
            new RouteExample(201, "pause a pipeline: the pause id and the restart link",
                CurlLine.post(base + "/pause").header(KEY_HEADER, key).json(pauseBody)),
            new RouteExample(200, "the restart link of pause " + pauseId + ", paused at start: a confirmation page "
                + "that changes nothing", CurlLine.get(restartUrl)),
            new RouteExample(200, "its button: resumes the pipeline, one run in the fake ADF (a second click: 409)",
                CurlLine.post(base + "/restart").form(URI.create(restartUrl).getRawQuery())),
            new RouteExample(200, "what the resumed pipeline reads back",
                CurlLine.get(base + "/pause-data/" + pauseId).header(KEY_HEADER, key)));
    }

    /**
     * Stops the host (stored jobs stay in Azurite for the process's lifetime) and the fakes.
     */
    @Override
    public void close() {
        host.close();
        environment.close();
    }
}
