package io.github.adfkit.aci;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.RegistryCredential;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user does to debug a container job: every logger at TRACE (reactor-netty's too), and HTTP logging with
 * bodies and headers, the callBackUri's query parameters explicitly allowed, on every client they build: the
 * container job client (ARM), the callback client and the Table client of the job store. The job carries a secure
 * environment value, a registry password, secure parameters and a callBackUri; none of them, nor the ARM bearer token,
 * reaches a log line, from adfkit or from azure-core, azure-data-tables and reactor-netty, and the stored job row
 * holds none of them in the clear.
 */
@ExtendWith(AzuriteExtension.class)
class ContainerJobVerboseLoggingTest {
    private static final String SECURE_VALUE = "TOP-SECRET-VALUE-7f3a";
    private static final String REGISTRY_PASSWORD = "REGISTRY-PASSWORD-91c2";
    private static final String SECRET_PARAMETER = "PARAMETER-SECRET-55d0";
    private static final String ARM_TOKEN = "ARM-BEARER-TOKEN-0d4e";

    @Test
    void aStoredWebhookJobLogsNoSecretWhateverTheLoggingSettings(AzuriteTableService azurite) {
        HttpLogOptions verbose = new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS)
            .setAllowedQueryParamNames(Set.of("code", "callbackid"));
        CallbackUriPolicy loopback = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
        Logger netty = (Logger) LoggerFactory.getLogger("reactor.netty");
        try (FakeAci fake = new FakeAci(); AdfCallbackReceiver adf = new AdfCallbackReceiver().start();
            LogCapture logs = LogCapture.start(Level.TRACE)) {
            netty.setLevel(Level.TRACE);
            TableClient jobs = new TableClientBuilder().connectionString(azurite.connectionString())
                .tableName("verbosejobs" + UUID.randomUUID().toString().replace("-", "")).httpLogOptions(verbose)
                .buildClient();
            jobs.createTable();
            ContainerJobClient client = new ContainerJobClientBuilder()
                .endpoint(fake.aci.httpsBaseUrl())
                .httpClient(fake.aci.httpsClient())
                .credential(new StaticTestTokenCredential(ARM_TOKEN))
                .httpLogOptions(verbose)
                .subscriptionId(FakeAci.SUBSCRIPTION)
                .clock(fake.clock)
                .webhookImagePolicy(FakeAci.IMAGES)
                .tableClient(jobs)
                .sealingKeys(FakeAci.KEYS)
                .callbackClient(new CallbackClientBuilder().callbackUriPolicy(loopback).httpLogOptions(verbose)
                    .clock(fake.clock).buildAsyncClient())
                .buildClient();
            fake.aci.requireBearerToken(true);
            fake.aci.scenarioFor("verbose", AciScenario.runsFor(Duration.ofMinutes(3)).withLogs("done"));
            String body = "{\"token\": \"" + SECRET_PARAMETER + "\", \"callBackUri\": \"" + adf.callbackUri("vrb")
                + "\"}";
            WebhookRequest request = WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
                new WebhookRequestOptions().setCallbackUriPolicy(loopback));
            ContainerJobSpec spec = FakeAci.spec("verbose")
                .setSecureEnvironmentVariables(Map.of("API_KEY", SECURE_VALUE))
                .setRegistryCredential(RegistryCredential.usernamePassword("myacr.azurecr.io", "u", REGISTRY_PASSWORD))
                .setParameters(request.getBody()).setParametersSecure(true);

            client.startForWebhook(request, spec);
            fake.advanceUntil(client.getWatcher(), () -> "Running".equals(fake.aci.containerState("verbose")),
                Duration.ofMinutes(5));
            assertThat(jobs.listEntities()).singleElement().extracting(row -> row.getProperties().toString())
                .asString().as("the stored job row").contains("adfkit-sealed:v1:k1:")
                .doesNotContain(SECURE_VALUE, REGISTRY_PASSWORD, SECRET_PARAMETER, adf.callbackCode("vrb"), "callbackid");
            fake.advanceUntil(client.getWatcher(), () -> !adf.callbacks().isEmpty(), Duration.ofHours(1));
            client.getWatcher().close();

            String text = logs.textOutsideTheFakes();
            assertThat(text).as("HTTP logging is on for ARM, Table storage (the job row's body) and the callback")
                .contains("containerGroups/verbose", "verbosejobs", "adfkit-sealed:v1:k1:", "/callback/vrb");
            assertThat(text).doesNotContain(SECURE_VALUE, REGISTRY_PASSWORD, SECRET_PARAMETER, ARM_TOKEN,
                adf.callbackCode("vrb")).doesNotContainPattern(LogCapture.UNREDACTED_SECRET_PARAMETER);
            assertThat(fake.aci.createRequestBodies().get(0).toString()).as("the secrets did reach ARM")
                .contains(SECURE_VALUE, REGISTRY_PASSWORD);
        } finally {
            netty.setLevel(null);
        }
    }
}
