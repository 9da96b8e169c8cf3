package io.github.adfkit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.pauserestart.models.PipelineTarget;
import io.github.adfkit.testing.adf.AdfRun;

import java.net.URI;
import java.util.List;

/**
 * A pipeline pauses ({@code POST /pause}), a person opens the restart link (confirmation page), clicks the button
 * (ADF refuses the first {@code createRun} with 503; adfkit retries and exactly one run starts), clicks again
 * (already used), and the resumed pipeline reads its data back by pause id ({@code GET /pause-data/{pauseId}}).
 */
final class PauseRestartFlow implements TourFlow {
    /**
     * @param target the pipeline to resume
     * @return what the pipeline's Web activity posts to {@code /pause}: the pipeline to resume, its data, the message
     */
    static String body(PipelineTarget target) {
        return "{\"subscriptionId\": \"" + target.getSubscriptionId() + "\", \"resourceGroupName\": \""
            + target.getResourceGroupName() + "\", \"factoryName\": \"" + target.getFactoryName()
            + "\", \"pipelineName\": \"" + target.getPipelineName() + "\", \"data\": {\"batch\": \"2026-11-20\", "
            + "\"rows\": 1200}, \"emailMessage\": \"The sales load is ready for review.\"}";
    }

    @Override
    public String name() {
        return "pause -> restart -> run -> data";
    }

    @Override
    public String run(TourContext tour) {
        Narrator narrator = tour.narrator();
        DemoHost host = tour.host();
        LocalEnvironment environment = tour.environment();
        narrator.flow("pause -> restart link -> confirmation -> ADF run -> data read back");
        PipelineTarget target = LocalEnvironment.RESUMED_PIPELINE;
        narrator.step("the pipeline pauses: POST /pause (x-functions-key: REDACTED), resume "
            + target.getPipelineName() + " later");
        JsonNode ticket = DemoHttp.json(DemoHttp.expect(tour.http().postJson(host.baseUrl() + "/pause",
            body(target), "x-functions-key", environment.pipelineKey()), 201, "POST /pause"));
        String pauseId = ticket.path("pauseId").asText();
        String restartUrl = ticket.path("restartUrl").asText();
        narrator.detail("pause id " + pauseId + ", link expires " + ticket.path("expiresAt").asText());
        narrator.detail("the link the person receives by email: " + restartUrl);

        narrator.step("the person opens the link: GET /restart?token=... shows a confirmation and changes nothing");
        DemoHttp.expect(tour.http().get(restartUrl), 200, "GET /restart");
        narrator.step("the person clicks the button: POST /restart -> the host claims the ticket, then createRun");
        narrator.detail("the fake ADF refuses the first createRun with 503; adfkit retries it");
        environment.adf().failNextCreateRuns(1, 503);
        String form = URI.create(restartUrl).getRawQuery();
        DemoHttp.expect(tour.http().postForm(host.baseUrl() + "/restart", form), 200, "POST /restart");
        List<AdfRun> runs = environment.adf().runs();
        if (runs.size() != 1 || !pauseId.equals(runs.get(0).getParameters().get("pauseId"))) {
            throw new DemoStepFailure("expected one run with pauseId " + pauseId + "; the fake ADF recorded " + runs);
        }
        AdfRun run = runs.get(0);
        narrator.detail("the fake ADF recorded one run, " + run.getRunId() + " of " + run.getPipelineName()
            + ", with parameters " + run.getParameters());
        narrator.step("a second click on the same link");
        DemoHttp.expect(tour.http().postForm(host.baseUrl() + "/restart", form), 409, "the second POST /restart");
        narrator.detail("409: the link was already used; still one run in the fake ADF");

        narrator.step("the resumed pipeline reads its data: GET /pause-data/" + pauseId);
        JsonNode data = DemoHttp.json(DemoHttp.expect(tour.http().get(host.baseUrl() + "/pause-data/" + pauseId,
            "x-functions-key", environment.pipelineKey()), 200, "GET /pause-data")).path("data");
        narrator.detail("data: " + data);
        if (!"2026-11-20".equals(data.path("batch").asText()) || environment.adf().runs().size() != 1) {
            throw new DemoStepFailure("expected the batch 2026-11-20 and one run; got " + data);
        }
        return "one ADF run despite a 503, 2nd click 409, data read back";
    }
}
