package io.github.adfkit.spring;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.DefaultAzureCredential;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.CallbackClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.durable.AsyncOperationClient;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.testing.aci.AciFakeServer;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which beans the starter creates for which properties, without a web server.
 */
class AutoConfigurationTest {
    private static final String SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000057a";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AdfkitAutoConfiguration.class, ContainerJobAutoConfiguration.class,
            AsyncOperationAutoConfiguration.class, PauseRestartAutoConfiguration.class,
            HostEndpointAutoConfiguration.class));

    @Test
    void withoutPropertiesOnlyWhatNeedsNoSettingIsBuilt() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).getBean(TokenCredential.class).isInstanceOf(DefaultAzureCredential.class);
            assertThat(context).hasSingleBean(CallbackClient.class).hasSingleBean(CallbackAsyncClient.class)
                .hasSingleBean(AsyncOperationClient.class);
            assertThat(context).doesNotHaveBean(ContainerJobClient.class)
                .doesNotHaveBean(PauseRestartClient.class)
                .doesNotHaveBean(AsyncOperationServer.class)
                .doesNotHaveBean(HostEndpoint.class);
        });
    }

    @Test
    void theApplicationsCredentialReplacesTheDefaultOne() {
        TokenCredential own = new StaticTestTokenCredential();
        runner.withBean(TokenCredential.class, () -> own).run(context ->
            assertThat(context).getBean(TokenCredential.class).isSameAs(own));
    }

    @Test
    void aRestartPageWithoutTableStorageConfiguresNoPauses() {
        runner.withPropertyValues("adfkit.pause-restart.restart-page-url=https://pipelines.contoso.test/restart")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PauseRestartClient.class));
    }

    @Test
    void aJobTableWithoutTableStorageStopsTheStartWithTheSettingToAdd() {
        runner.withPropertyValues("adfkit.container-jobs.subscription-id=" + SUBSCRIPTION_ID,
            "adfkit.container-jobs.job-table=jobs",
            "adfkit.container-jobs.sealing-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=").run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("adfkit.container-jobs.job-table")
                    .hasMessageContaining("adfkit.tables.endpoint");
            });
    }

    @Test
    void aSubscriptionIdGivesAContainerJobClientThatRunsAJob() {
        String jobTable = "springjobs" + Long.toHexString(System.nanoTime());
        try (AciFakeServer aci = new AciFakeServer(Instant::now).start()) {
            aci.defaultScenario(AciScenario.runsFor(Duration.ofMillis(300)).withPendingFor(Duration.ofMillis(100)));
            FakeArm.aci = aci;
            runner.withPropertyValues("adfkit.container-jobs.subscription-id=" + SUBSCRIPTION_ID,
                    "adfkit.container-jobs.job-table=" + jobTable,
                    "adfkit.container-jobs.sealing-key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                    "adfkit.tables.connection-string=" + AzuriteTableService.shared().connectionString())
                .withUserConfiguration(FakeArm.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(AzuriteTableService.shared().tableServiceClient().listTables())
                        .anyMatch(table -> table.getName().equals(jobTable));
                    ContainerJobResult result = context.getBean(ContainerJobClient.class)
                        .beginRun(new ContainerJobSpec("rg-jobs", "westeurope", "contoso.azurecr.io/etl:1.4"))
                        .getFinalResult();
                    assertThat(result.isSucceeded()).isTrue();
                    assertThat(aci.createdGroupCount()).isEqualTo(1);
                });
        }
    }

    /** Points the container job client at the ACI fake, as an application customizes a builder. */
    @Configuration(proxyBeanMethods = false)
    static class FakeArm {
        static AciFakeServer aci;

        @Bean
        AdfkitBuilderCustomizer<ContainerJobClientBuilder> fakeArm() {
            return builder -> builder.endpoint(aci.baseUrl())
                .pipeline(aci.httpPipeline(new StaticTestTokenCredential()))
                .pollBackoff(Backoff.exponential(Duration.ofMillis(50), Duration.ofMillis(200)));
        }

        @Bean
        AdfkitBuilderCustomizer<CallbackClientBuilder> unrelatedCustomizer() {
            return builder -> builder.deadline(Duration.ofMinutes(1));
        }
    }
}
