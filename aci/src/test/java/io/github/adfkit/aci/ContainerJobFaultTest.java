package io.github.adfkit.aci;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import io.github.adfkit.testing.faults.FaultMix;
import io.github.adfkit.testing.faults.FaultProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 30 % faults on ARM, the callback endpoint and Table storage at once — error statuses, connection resets before
 * and after the upstream acted, slow answers — change no result, lose nothing and duplicate nothing.
 */
@ExtendWith(AzuriteExtension.class)
class ContainerJobFaultTest {
    private static final int JOBS = 6;
    private static final CallbackUriPolicy LOOPBACK = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();

    @Test
    void faultsEverywhereChangeNoResultLoseNothingAndDuplicateNothing(AzuriteTableService azurite,
        TableClient table) {
        FaultMix mix = FaultMix.ofRate(0.3).withStatuses(429, 500, 503).withResets()
            .withSlowAnswers(Duration.ofMillis(200));
        try (FakeAci fake = new FakeAci();
            AdfCallbackReceiver adf = new AdfCallbackReceiver().start();
            FaultProxy arm = new FaultProxy(fake.aci.baseUrl()).start();
            FaultProxy callbackEndpoint = new FaultProxy(adf.baseUrl()).start();
            FaultProxy tableStorage = new FaultProxy(azurite.tableEndpoint()).start()) {
            fake.aci.requireBearerToken(false);
            arm.injectFaults(11L, mix.withResetsAfterForwarding());
            // A reset after ADF accepted a callback is the one ambiguity no client can resolve (the guide's
            // remaining window), so the callback endpoint gets every other kind of fault.
            callbackEndpoint.injectFaults(12L, mix);
            tableStorage.injectFaults(13L, mix.withResetsAfterForwarding());
            TableClient proxiedTable = new TableClientBuilder()
                .connectionString(azurite.connectionString().replace(azurite.tableEndpoint(), tableStorage.baseUrl()))
                .retryOptions(new RetryOptions(new FixedDelayOptions(4, Duration.ofMillis(20))))
                .tableName(table.getTableName()).buildClient();
            ContainerJobClient host = new ContainerJobClientBuilder()
                .endpoint(arm.baseUrl())
                .pipeline(new com.azure.core.http.HttpPipelineBuilder().build())
                .subscriptionId(FakeAci.SUBSCRIPTION).clock(fake.clock)
                .tableClient(proxiedTable).hostId("faulty-host").sealingKeys(FakeAci.KEYS)
                .webhookImagePolicy(FakeAci.IMAGES)
                .callbackClient(new CallbackClientBuilder().callbackUriPolicy(LOOPBACK).clock(fake.clock)
                    .backoff(Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10)))
                    .deadline(Duration.ofHours(1)).buildAsyncClient())
                .buildClient();
            host.getWatcher().resumeStoredJobs();
            for (int i = 0; i < JOBS; i++) {
                fake.aci.scenarioFor("faulty-" + i, AciScenario.runsFor(Duration.ofMinutes(3 + i))
                    .withExitCode(i % 3 == 0 ? 2 : 0));
                String uri = adf.callbackUri("job-" + i).replace(adf.baseUrl(), callbackEndpoint.baseUrl());
                WebhookRequest request = WebhookRequest.parse(("{\"callBackUri\": \"" + uri + "\"}")
                    .getBytes(StandardCharsets.UTF_8), new WebhookRequestOptions().setCallbackUriPolicy(LOOPBACK));
                startDespiteFaults(host, request, "faulty-" + i);
            }

            fake.advanceUntil(host.getWatcher(), () -> adf.callbacks().size() >= JOBS
                && table.listEntities().stream().findAny().isEmpty(), Duration.ofHours(2));
            fake.advanceFor(java.util.List.of(host.getWatcher()), Duration.ofMinutes(15));

            assertThat(arm.faultCount() + callbackEndpoint.faultCount() + tableStorage.faultCount())
                .as("faults injected").isGreaterThan(20);
            for (int i = 0; i < JOBS; i++) {
                int job = i;
                assertThat(adf.callbacksFor("job-" + i)).as("callbacks of job %d", i).singleElement()
                    .satisfies(callback -> assertThat(callback.body().at("/Output/state").asText())
                        .isEqualTo(job % 3 == 0 ? "FAILED" : "SUCCEEDED"));
                assertThat(fake.aci.groupExists("faulty-" + i)).isFalse();
            }
            assertThat(fake.aci.createdGroupCount()).isEqualTo(JOBS);
            assertThat(fake.aci.deletedWhileActive()).isEmpty();
            host.getWatcher().close();
        }
    }

    /**
     * A start whose own Table write failed after its retries is refused with an exception and changes nothing; the
     * caller (ADF) would try again, as this does.
     */
    private static void startDespiteFaults(ContainerJobClient host, WebhookRequest request, String group) {
        for (int attempt = 1; ; attempt++) {
            try {
                host.startForWebhook(request, FakeAci.spec(group).setParameters(request.getBody()));
                return;
            } catch (RuntimeException storeDown) {
                if (attempt >= 5) {
                    throw storeDown;
                }
            }
        }
    }
}
