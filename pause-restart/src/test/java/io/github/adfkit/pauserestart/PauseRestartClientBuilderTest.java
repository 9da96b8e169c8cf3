package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A misconfigured client fails when it is built, with a message that says what to set.
 */
class PauseRestartClientBuilderTest {
    private static final String CONNECTION_STRING = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + "TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";

    private final TableClient table = new TableClientBuilder().connectionString(CONNECTION_STRING).tableName("t")
        .buildClient();

    @Test
    void buildsWithATableAndACredentialWithoutCallingAnything() {
        assertThat(new PauseRestartClientBuilder().connectionString(CONNECTION_STRING)
            .credential(new StaticTestTokenCredential()).restartPageUrl("https://pipelines.contoso.com/restart")
            .buildClient()).isNotNull();
    }

    @Test
    void restartPageUrlMustBeHttpsWithoutQueryExceptOnLocalhost() {
        PauseRestartClientBuilder builder = new PauseRestartClientBuilder();
        assertThat(builder.restartPageUrl("http://localhost:7071/restart")).isSameAs(builder);
        assertThatThrownBy(() -> builder.restartPageUrl("http://pipelines.contoso.com/restart"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> builder.restartPageUrl("https://pipelines.contoso.com/restart?x=1"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.restartPageUrl("/restart")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void missingOrDoubleConfigurationIsReportedAtBuild() {
        assertThatThrownBy(() -> new PauseRestartClientBuilder().tableClient(table)
            .credential(new StaticTestTokenCredential()).buildClient())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("restartPageUrl");
        assertThatThrownBy(() -> new PauseRestartClientBuilder().tableClient(table)
            .restartPageUrl("https://h/restart").buildClient())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("credential");
        assertThatThrownBy(() -> new PauseRestartClientBuilder().tableClient(table).connectionString(CONNECTION_STRING)
            .credential(new StaticTestTokenCredential()).restartPageUrl("https://h/restart").buildClient())
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
    }

    @Test
    void claimTimeoutAndAttemptsAreChecked() {
        assertThatThrownBy(() -> new PauseRestartClientBuilder().claimTimeout(Duration.ofMillis(2999)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least PT3S");
        assertThat(new PauseRestartClientBuilder().claimTimeout(PauseRestartClientBuilder.MIN_CLAIM_TIMEOUT))
            .isNotNull();
        assertThatThrownBy(() -> new PauseRestartClientBuilder().createRunAttempts(0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
