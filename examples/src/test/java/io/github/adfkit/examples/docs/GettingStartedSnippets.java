package io.github.adfkit.examples.docs;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.azure.data.tables.TableClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.core.CallbackClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.host.HostServer;
import io.github.adfkit.core.host.HostServerBuilder;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.durable.AsyncOperationClient;
import io.github.adfkit.durable.AsyncOperationClientBuilder;
import io.github.adfkit.durable.models.BeginOperationOptions;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.InvalidOperationInputException;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.durable.server.OperationStore;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.PipelineTarget;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Java blocks of {@code docs/getting-started.md}, each between a {@code // snippet} line and an
 * {@code // end} line, compiled against the real API; {@link DocSnippetsTest} checks that the page shows them as
 * they are here. Nothing here runs: it would need an Azure subscription.
 */
@SuppressWarnings("unused")
final class GettingStartedSnippets {
    private GettingStartedSnippets() {
    }

    static void firstJob() {
        // snippet
        ContainerJobClient jobs = new ContainerJobClientBuilder()
            .credential(new DefaultAzureCredentialBuilder().build())
            .subscriptionId(System.getenv("AZURE_SUBSCRIPTION_ID"))
            .buildClient();

        ContainerJobResult result = jobs.beginRun(
                new ContainerJobSpec("rg-jobs", "westeurope", "python:3.12-slim")
                    .setCommand(List.of("python", "-c", "print('hello from ACI')"))
                    .setTimeout(Duration.ofMinutes(30)))
            .getFinalResult();                     // waits; the group is deleted afterwards

        System.out.println(result.getState() + ", exit code " + result.getExitCode() + ": " + result.getLogTail());
        // end
    }

    static void webhook(String requestBody) {
        // snippet
        WebhookRequest request = WebhookRequest.parse(requestBody);         // InvalidWebhookRequestException → 400
        // ... answer ADF's request with 202 now, do the work, then:
        CallbackClient callbacks = new CallbackClientBuilder().deadline(Duration.ofHours(2)).buildClient();
        callbacks.send(request.getCallbackUri(), CallbackPayload.success(Map.of("rows", 1200)));
        // end
    }

    static void asyncClient(String functionAppUrl, String functionKey) {
        // snippet
        AsyncOperationClient operations = new AsyncOperationClientBuilder().buildClient();
        JsonNode output = operations.beginOperation(
                new BeginOperationOptions(HttpMethod.POST, functionAppUrl + "/api/orchestrators/Export?code=" + functionKey)
                    .setBody(BinaryData.fromString("{\"day\": \"2026-11-20\"}")),
                JsonNode.class)
            .getFinalResult();                     // follows 202 + Location, honours Retry-After
        // end
    }

    static void asyncServer(TableClient operationsTable) throws IOException {
        // snippet
        AsyncOperationServer asyncApi = new AsyncOperationServerBuilder()
            .addOperationKind(OperationKind.of("echo",
                request -> {
                    String text = request.getQueryParameter("text");
                    if (text == null) {
                        throw new InvalidOperationInputException("Missing text.");   // → 400 {"error": ...}
                    }
                    return text;
                },
                text -> Map.of("echo", text)))
            .store(OperationStore.tableStorage(operationsTable))
            .buildServer();
        HostServer server = new HostServerBuilder()  // deadlines, bounded workers, 503 beyond the cap
            .address(new InetSocketAddress(8080))
            .route("/api/", asyncApi, 64 * 1024)
            .start();                              // POST /api/submit/echo?text=hi → 202 + Location
        // end
    }

    static void pauseRestart() {
        // snippet
        PauseRestartClient pauses = new PauseRestartClientBuilder()
            .endpoint("https://mystorage.table.core.windows.net")
            .credential(new DefaultAzureCredentialBuilder().build())
            .restartPageUrl("https://pipelines.contoso.com/restart")
            .buildClient();
        PauseTicket ticket = pauses.pause(new PauseOptions(
            new PipelineTarget("<subscription-id>", "rg-data", "adf-sales", "PublishAfterApproval"),
            Map.of("batch", "2026-11-20")));
        String link = ticket.getRestartUrl();      // mail it; RestartPages serves it
        // end
    }
}
