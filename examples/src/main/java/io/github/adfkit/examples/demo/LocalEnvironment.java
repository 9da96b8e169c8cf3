package io.github.adfkit.examples.demo;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.pauserestart.models.PipelineTarget;
import io.github.adfkit.testing.aci.AciFakeServer;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Everything on loopback: Azurite for Table storage, the {@code adfkit-testing} fakes of ARM (Container Instances,
 * Data Factory) and of the ADF callback endpoint. Waits are shortened so the tour takes seconds: jobs are polled,
 * and transient ARM answers retried, from 250 ms doubling to 1 s (the production defaults are 5 s doubling to 60 s
 * for polls, 2 s doubling to 60 s for retries).
 */
final class LocalEnvironment implements DemoEnvironment {
    /** The subscription the fakes see. */
    static final String SUBSCRIPTION_ID = "00000000-0000-0000-0000-00000000d3e0";
    /** The pipeline a restart resumes. */
    static final PipelineTarget RESUMED_PIPELINE = new PipelineTarget(SUBSCRIPTION_ID, "rg-data", "adf-sales",
        "ResumeAfterApproval");
    /** How job polls, and retries of transient ARM answers, are spaced in the demo. */
    static final Backoff JOB_POLLS = Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(1));
    /** How a demo container behaves: a short image pull, a short run, two lines of output. */
    static final AciScenario JOB_SCENARIO = AciScenario.runsFor(Duration.ofSeconds(3))
        .withPendingFor(Duration.ofSeconds(1)).withLogs("loading day 2026-11-20", "1200 rows written");

    private static final String TENANT_ID = "00000000-0000-0000-0000-00000000a11e";
    private static final CallbackUriPolicy LOOPBACK_CALLBACKS =
        CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
    private static final Backoff CALLBACK_RETRIES = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(1));

    private final AzuriteTableService azurite;
    private final AciFakeServer aci;
    private final AdfFakeServer adf;
    private final AdfCallbackReceiver callbacks;
    private final String pipelineKey = randomKey();
    private final SealingKeys sealingKeys = SealingKeys.generate("demo");

    private LocalEnvironment(AzuriteTableService azurite) {
        this.azurite = azurite;
        this.aci = new AciFakeServer(Instant::now).start();
        this.adf = new AdfFakeServer().start();
        this.callbacks = new AdfCallbackReceiver().start();
        aci.defaultScenario(JOB_SCENARIO);
    }

    /**
     * Starts Azurite (installing it on first use) and the fakes.
     *
     * @return the running environment
     */
    static LocalEnvironment start() {
        return new LocalEnvironment(AzuriteTableService.shared());
    }

    /**
     * @return the fake of Container Instances
     */
    AciFakeServer aci() {
        return aci;
    }

    /**
     * @return the fake of Data Factory's management API, which records runs
     */
    AdfFakeServer adf() {
        return adf;
    }

    /**
     * @return the fake of the endpoint behind ADF's callBackUri
     */
    AdfCallbackReceiver callbacks() {
        return callbacks;
    }

    @Override
    public TableClient auditTable() {
        return DemoAuditRows.fill(azurite.newTable("audit"));
    }

    @Override
    public TableClient table(String name) {
        return azurite.newTable(name);
    }

    @Override
    public ContainerJobClientBuilder containerJobs() {
        return new ContainerJobClientBuilder()
            .endpoint(aci.baseUrl())
            .pipeline(aci.httpPipeline(new StaticTestTokenCredential()))
            .subscriptionId(SUBSCRIPTION_ID)
            .sealingKeys(sealingKeys)
            .webhookImagePolicy(ContainerImagePolicy.none().allowImage("contoso/etl"))
            .pollBackoff(JOB_POLLS)
            .retryOptions(new RetryOptions(new ExponentialBackoffOptions()
                .setBaseDelay(JOB_POLLS.getInitial()).setMaxDelay(JOB_POLLS.getMax())))
            .callbackClient(new CallbackClientBuilder().callbackUriPolicy(LOOPBACK_CALLBACKS)
                .backoff(CALLBACK_RETRIES).buildAsyncClient());
    }

    @Override
    public PauseRestartClientBuilder pauses() {
        return new PauseRestartClientBuilder().dataFactoryManagerFactory((tenantId, subscriptionId) ->
            DataFactoryManager.authenticate(adf.httpPipeline(new StaticTestTokenCredential()),
                adf.azureProfile(tenantId != null ? tenantId : TENANT_ID, subscriptionId)));
    }

    @Override
    public CallbackUriPolicy callbackUriPolicy() {
        return LOOPBACK_CALLBACKS;
    }

    @Override
    public String resourceGroup() {
        return "rg-jobs";
    }

    @Override
    public String location() {
        return "westeurope";
    }

    @Override
    public String pipelineKey() {
        return pipelineKey;
    }

    @Override
    public void close() {
        callbacks.close();
        adf.close();
        aci.close();
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
