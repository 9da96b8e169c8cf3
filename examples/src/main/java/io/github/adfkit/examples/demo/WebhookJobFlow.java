package io.github.adfkit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.testing.aci.AciFakeServer;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.callback.ReceivedCallback;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ADF WebHook activity → {@code POST /jobs} → container job on ACI → callback to ADF. Meanwhile ARM answers a
 * quarter of the requests with 503 and ADF refuses the first callback with 503, as busy services do; adfkit retries
 * both, without failing the job.
 */
final class WebhookJobFlow implements TourFlow {
    private static final String RUN_ID = "pipeline-run-1";
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final double ARM_FAULT_RATE = 0.25;

    @Override
    public String name() {
        return "WebHook -> job -> callback";
    }

    @Override
    public String run(TourContext tour) {
        tour.narrator().flow("ADF WebHook activity -> POST /jobs -> container job on ACI -> callback to ADF");
        AciFakeServer aci = tour.environment().aci();
        tour.environment().callbacks().failNext(1, 503);
        aci.injectFaults(ARM_FAULT_RATE, 503);
        try {
            return runJob(tour);
        } finally {
            aci.clearFaults();
        }
    }

    /**
     * @param callBackUri where the host calls ADF back
     * @return what ADF's WebHook activity posts to {@code /jobs}: the image, its parameters and the callBackUri
     */
    static String body(String callBackUri) {
        return "{\"image\": \"contoso/etl:1.4\", \"parameters\": {\"day\": \"2026-11-20\"}, \"callBackUri\": \""
            + callBackUri + "\"}";
    }

    private static String runJob(TourContext tour) {
        Narrator narrator = tour.narrator();
        AdfCallbackReceiver adf = tour.environment().callbacks();
        AciFakeServer aci = tour.environment().aci();
        String callBackUri = adf.callbackUri(RUN_ID);
        narrator.step("ADF calls POST /jobs (x-functions-key: REDACTED) with image contoso/etl:1.4 and callBackUri "
            + Redaction.url(callBackUri));
        JsonNode accepted = DemoHttp.json(DemoHttp.expect(tour.http().postJson(tour.host().baseUrl() + "/jobs",
            body(callBackUri), "x-functions-key", tour.environment().pipelineKey()), 202, "POST /jobs"));
        String group = accepted.path("groupName").asText();
        narrator.detail("202 at once (ADF allows one minute): container group " + group + " is being created");
        narrator.step("the watcher polls ARM, 250 ms doubling to 1 s here (production default: 5 s doubling to 60 s)");
        narrator.detail("the fake ARM answers " + Math.round(ARM_FAULT_RATE * 100) + "% of requests with 503, "
            + "and the fake ADF refuses the first callback with 503");
        AtomicBoolean created = new AtomicBoolean();
        ReceivedCallback callback = narrator.awaitWithProgress("container", () -> {
            String state = aci.containerState(group);
            created.compareAndSet(false, state != null);
            return state != null ? state : created.get() ? "group deleted" : "group being created";
        }, () -> adf.callbacksFor(RUN_ID).stream().findFirst(), DEADLINE);
        List<ReceivedCallback> attempts = adf.attempts();
        narrator.step("ADF accepted the callback on attempt " + attempts.size() + " (after "
            + (attempts.size() - 1) + " refused)");
        narrator.detail("ARM answered " + aci.injectedFaultCount() + " of " + aci.requests().size()
            + " requests with 503; each was retried, none failed the job");
        JsonNode body = callback.body();
        JsonNode output = body.path("Output");
        narrator.detail("StatusCode " + body.path("StatusCode").asText() + ", exit code "
            + output.path("exitCode").asText() + ", cleanup " + output.path("cleanup").asText()
            + ", log tail: " + output.path("logTail").asText().strip().replace("\n", " | "));
        if (!"200".equals(body.path("StatusCode").asText()) || aci.groupExists(group)) {
            throw new DemoStepFailure("expected StatusCode 200 and the group deleted; ADF got " + callback.rawBody());
        }
        return "callback 200 on attempt " + attempts.size() + ", " + aci.injectedFaultCount()
            + " ARM 503s retried, group deleted";
    }
}
