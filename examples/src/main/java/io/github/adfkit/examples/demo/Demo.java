package io.github.adfkit.examples.demo;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import io.github.adfkit.core.CallbackClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.core.models.CallbackResult;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.callback.ReceivedCallback;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local tour of adfkit: plays the ADF pipeline's part against fakes on loopback and narrates each step.
 */
public final class Demo {
    private final PrintStream out;
    private final List<String[]> summary = new ArrayList<>();

    /**
     * @param out where the narration goes
     */
    public Demo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the tour.
     *
     * @return the summary rows (step, outcome), one per flow
     */
    public List<String[]> run() {
        try (AdfCallbackReceiver adf = new AdfCallbackReceiver().start()) {
            webhookCallback(adf);
        }
        printSummary();
        return List.copyOf(summary);
    }

    private void webhookCallback(AdfCallbackReceiver adf) {
        step("ADF WebHook activity -> host -> callBackUri");
        String callbackUri = adf.callbackUri("demo-run-1");
        String body = "{\"image\": \"contoso/etl:1.4\", \"day\": \"2026-11-20\", \"callBackUri\": \"" + callbackUri
            + "\"}";
        WebhookRequest request = WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
            new WebhookRequestOptions().setCallbackUriPolicy(
                CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting()));
        say("host received " + request);

        adf.failNext(2, 503);
        say("the fake ADF will answer 503 twice before accepting the callback");
        CallbackClient callbacks = new CallbackClientBuilder()
            .callbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting())
            .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                .setBaseDelay(Duration.ofMillis(100)).setMaxDelay(Duration.ofSeconds(1))))
            .buildClient();
        long started = System.nanoTime();
        CallbackResult result = callbacks.send(request.getCallbackUri(),
            CallbackPayload.success(Map.of("exitCode", 0, "rows", 1200)));
        long millis = (System.nanoTime() - started) / 1_000_000;
        ReceivedCallback received = adf.callbacksFor("demo-run-1").get(0);
        say("callback delivered after " + result.getAttempts() + " attempts in " + millis + " ms to "
            + result.getRedactedCallbackUri());
        say("ADF received: " + received.rawBody());
        summary.add(new String[] {"WebHook callback", "delivered after " + result.getAttempts() + " attempts"});
    }

    private void printSummary() {
        out.println();
        out.println("Coming next in this tour: container jobs on ACI, async submit/status with single-flight,");
        out.println("and pause/restart links (see docs/index.md).");
        out.println();
        out.printf("%-22s | %s%n", "flow", "outcome");
        out.println("-".repeat(22) + "-+-" + "-".repeat(40));
        summary.forEach(row -> out.printf("%-22s | %s%n", row[0], row[1]));
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
    }

    private void say(String line) {
        out.println("   " + line);
    }
}
