package io.github.adfkit.aci;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.RegistryCredential;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsNotLoggedTest {
    private static final String SECURE_VALUE = "TOP-SECRET-VALUE-7f3a";
    private static final String REGISTRY_PASSWORD = "REGISTRY-PASSWORD-91c2";
    private static final String SECRET_PARAMETER = "PARAMETER-SECRET-55d0";

    private final Logger adfkit = (Logger) LoggerFactory.getLogger("io.github.adfkit");
    private LogCapture captured;

    /**
     * Everything at INFO (a production host's level), adfkit's own loggers down to DEBUG (verbose).
     */
    @BeforeEach
    void capture() {
        captured = LogCapture.start(Level.INFO);
        adfkit.setLevel(Level.DEBUG);
    }

    @AfterEach
    void release() {
        captured.close();
        adfkit.setLevel(null);
    }

    @Test
    void secureValuesPasswordsAndCallbackUriNeverReachTheLogs() {
        CallbackUriPolicy loopback = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
        try (FakeAci fake = new FakeAci(); AdfCallbackReceiver adf = new AdfCallbackReceiver().start()) {
            ContainerJobClient client = fake.builder().callbackClient(new CallbackClientBuilder()
                .callbackUriPolicy(loopback).clock(fake.clock).buildAsyncClient()).buildClient();
            fake.aci.injectFaults(0.3);
            adf.failNext(1, 500);
            fake.aci.scenarioFor("secretive", AciScenario.runsFor(Duration.ofMinutes(10)).withExitCode(1)
                .withDeleteIgnored());
            String body = "{\"token\": \"" + SECRET_PARAMETER + "\", \"callBackUri\": \"" + adf.callbackUri("sec")
                + "\"}";
            WebhookRequest request = WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
                new WebhookRequestOptions().setCallbackUriPolicy(loopback));
            ContainerJobSpec spec = FakeAci.spec("secretive")
                .setSecureEnvironmentVariables(Map.of("API_KEY", SECURE_VALUE))
                .setRegistryCredential(RegistryCredential.usernamePassword("myacr.azurecr.io", "u", REGISTRY_PASSWORD))
                .setParameters(request.getBody()).setParametersSecure(true);

            client.startForWebhook(request, spec);
            fake.advanceUntil(client.getWatcher(), () -> !adf.callbacks().isEmpty(), Duration.ofHours(2));
            client.getWatcher().close();

            List<String> lines = captured.lines(logger -> !logger.startsWith("io.github.adfkit.testing")
                && !logger.startsWith("wiremock"));
            assertThat(lines).as("library log lines").isNotEmpty()
                .anySatisfy(line -> assertThat(line).contains("rg-jobs/secretive"));
            assertThat(String.join("\n", lines))
                .doesNotContain(SECURE_VALUE, REGISTRY_PASSWORD, SECRET_PARAMETER, adf.callbackCode("sec"),
                    adf.callbackUri("sec"));
            assertThat(adf.callbacks().get(0).rawBody()).doesNotContain(SECURE_VALUE, REGISTRY_PASSWORD);
        }
    }
}
