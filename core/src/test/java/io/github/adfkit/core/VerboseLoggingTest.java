package io.github.adfkit.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import io.github.adfkit.core.models.CallbackPayload;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.logging.LogCapture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user does to debug: everything at TRACE, azure-core's HTTP logging with bodies, and the query parameters
 * that carry the secrets explicitly allowed. adfkit's own pipeline still logs no body and no secret.
 */
class VerboseLoggingTest {
    private static final String SECRET_OUTPUT = "OUTPUT-PASSWORD-3e9d";

    @Test
    void aCallbackLogsNeitherItsCodeNorItsBodyWhateverTheLoggingSettings() {
        Logger netty = (Logger) LoggerFactory.getLogger("reactor.netty");
        try (AdfCallbackReceiver adf = new AdfCallbackReceiver().start(); LogCapture logs = LogCapture.start(Level.TRACE)) {
            netty.setLevel(Level.TRACE);
            CallbackClient client = new CallbackClientBuilder()
                .callbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting())
                .httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BODY_AND_HEADERS)
                    .setAllowedQueryParamNames(Set.of("code", "callbackid")))
                .buildClient();

            client.send(adf.callbackUri("run-7"), CallbackPayload.success(Map.of("password", SECRET_OUTPUT)));

            String text = logs.textOutsideTheFakes();
            assertThat(text).as("HTTP logging is on").contains("POST");
            assertThat(text).doesNotContain(adf.callbackCode("run-7"), "callbackid=run-7", SECRET_OUTPUT);
        } finally {
            netty.setLevel(null);
        }
    }
}
