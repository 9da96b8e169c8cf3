package io.github.adfkit.aci;

import com.azure.core.annotation.ServiceClientBuilder;
import com.azure.core.client.traits.HttpTrait;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.logging.ClientLogger;
import com.azure.data.tables.TableClient;
import io.github.adfkit.aci.implementation.ContainerGroupsApi;
import io.github.adfkit.aci.implementation.JobStore;
import io.github.adfkit.aci.implementation.PipelineRunsApi;
import io.github.adfkit.aci.implementation.PollScheduler;
import io.github.adfkit.aci.implementation.StatusReadQueue;
import io.github.adfkit.aci.implementation.WatchedJobs;
import io.github.adfkit.aci.implementation.WatcherSettings;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackAsyncClient;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.core.implementation.ConditionalTable;
import io.github.adfkit.core.implementation.Endpoints;
import io.github.adfkit.core.implementation.HttpPipelineFactory;
import io.github.adfkit.core.implementation.LeaseTerms;
import io.github.adfkit.core.implementation.RetryOptionsBackoff;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Builds {@link ContainerJobClient} and {@link ContainerJobAsyncClient}. Each client gets its own
 * {@link ContainerJobWatcher}; build one client per host and share it.
 *
 * <p>Required: {@link #subscriptionId(String)}, and {@link #credential(TokenCredential)} (a managed identity or
 * {@code DefaultAzureCredential}; it needs Contributor on the job's resource group) or your own
 * {@link #pipeline(HttpPipeline)}. Defaults: the public cloud's ARM endpoint, status polls every 15 s (more
 * often near a job's expected end, rarer before it; see {@link #armReadsPerSecond(int)}) within a read budget shared
 * by every client of the subscription in this process, transient ARM answers retried 2 s doubling to 60 s (a
 * {@code Retry-After} wins), the system clock, no job store. The pipeline carries no retry policy: adfkit retries itself, on its clock, so a wait holds no thread.</p>
 *
 * <pre>{@code
 * ContainerJobAsyncClient client = new ContainerJobClientBuilder()
 *     .credential(new DefaultAzureCredentialBuilder().build())
 *     .subscriptionId(subscriptionId)
 *     .tableClient(new TableClientBuilder().endpoint(tableEndpoint).credential(credential)
 *         .tableName("adfkitjobs").buildClient())
 *     .callbackClient(new CallbackClientBuilder().deadline(Duration.ofHours(1)).buildAsyncClient())
 *     .buildAsyncClient();
 * client.getWatcher().resumeStoredJobs();
 * }</pre>
 */
@ServiceClientBuilder(serviceClients = {ContainerJobClient.class, ContainerJobAsyncClient.class})
public final class ContainerJobClientBuilder implements HttpTrait<ContainerJobClientBuilder> {
    /** The ARM endpoint of the public cloud. */
    public static final String DEFAULT_ENDPOINT = "https://management.azure.com";
    /** The spacing of polls before the read budget: pass it to {@link #pollBackoff(Backoff)} to poll that way. */
    public static final Backoff DEFAULT_POLL_BACKOFF = Backoff.exponential(Duration.ofSeconds(5), Duration.ofSeconds(60));
    /** The default spacing of retries after a transient ARM answer without {@code Retry-After}. */
    public static final Backoff DEFAULT_RETRY_BACKOFF = Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(60));
    /** The default ARM reads per second the clients of one subscription in this process spend on status polls. */
    public static final int DEFAULT_ARM_READS_PER_SECOND = 20;
    /** The default lease a host holds on a stored job without renewing it. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(5);

    private static final ClientLogger LOGGER = new ClientLogger(ContainerJobClientBuilder.class);

    private final HttpPipelineFactory pipelineFactory = new HttpPipelineFactory().withoutRetries();
    private HttpPipeline pipeline;
    private TokenCredential credential;
    private String endpoint = DEFAULT_ENDPOINT;
    private String subscriptionId;
    private SchedulingClock clock = SchedulingClock.system();
    private Backoff pollBackoff;
    private int armReadsPerSecond = DEFAULT_ARM_READS_PER_SECOND;
    private Backoff retryBackoff = DEFAULT_RETRY_BACKOFF;
    private TableClient jobTable;
    private CallbackAsyncClient callbackClient;
    private Duration leaseDuration = DEFAULT_LEASE_DURATION;
    private String hostId;
    private SealingKeys sealingKeys;
    private ContainerImagePolicy webhookImagePolicy = ContainerImagePolicy.none();
    private ContainerInstanceServiceVersion serviceVersion = ContainerInstanceServiceVersion.getLatest();
    private String dataFactoryEndpoint;

    /**
     * Creates a builder with the defaults.
     */
    public ContainerJobClientBuilder() {
    }

    /**
     * @param credential the identity that manages container groups (Contributor on their resource groups)
     * @return this builder
     */
    public ContainerJobClientBuilder credential(TokenCredential credential) {
        this.credential = Objects.requireNonNull(credential, "'credential' cannot be null.");
        return this;
    }

    /**
     * @param endpoint the ARM endpoint; default {@value #DEFAULT_ENDPOINT} (set it for a sovereign cloud)
     * @return this builder
     */
    public ContainerJobClientBuilder endpoint(String endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "'endpoint' cannot be null.");
        return this;
    }

    /**
     * @param serviceVersion the {@code Microsoft.ContainerInstance} api-version to call; default
     *     {@link ContainerInstanceServiceVersion#getLatest()}
     * @return this builder
     */
    public ContainerJobClientBuilder serviceVersion(ContainerInstanceServiceVersion serviceVersion) {
        this.serviceVersion = Objects.requireNonNull(serviceVersion, "'serviceVersion' cannot be null.");
        return this;
    }

    /**
     * Where the pipeline runs of jobs that follow their pipeline are read ({@code pipelineruns/{runId}} of the
     * Data Factory management API). Default: the ARM {@link #endpoint(String) endpoint}, through the same pipeline;
     * the identity needs Data Factory read access (Reader) on the factory.
     *
     * @param dataFactoryEndpoint the ARM endpoint that serves the factories
     * @return this builder
     */
    public ContainerJobClientBuilder dataFactoryEndpoint(String dataFactoryEndpoint) {
        this.dataFactoryEndpoint = Objects.requireNonNull(dataFactoryEndpoint, "'dataFactoryEndpoint' cannot be null.");
        return this;
    }

    /**
     * @param subscriptionId the subscription the container groups are created in
     * @return this builder
     */
    public ContainerJobClientBuilder subscriptionId(String subscriptionId) {
        this.subscriptionId = Objects.requireNonNull(subscriptionId, "'subscriptionId' cannot be null.");
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public ContainerJobClientBuilder httpClient(HttpClient httpClient) {
        pipelineFactory.httpClient(httpClient);
        return this;
    }

    /**
     * {@inheritDoc} When set, {@link #credential}, {@link #httpClient}, {@link #addPolicy}, {@link #httpLogOptions}
     * and {@link #clientOptions} are ignored. Leave retries out of it: adfkit retries on its own clock.
     */
    @Override
    public ContainerJobClientBuilder pipeline(HttpPipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public ContainerJobClientBuilder addPolicy(HttpPipelinePolicy pipelinePolicy) {
        pipelineFactory.addPolicy(Objects.requireNonNull(pipelinePolicy, "'pipelinePolicy' cannot be null."));
        return this;
    }

    /**
     * Sets the retry backoff's initial and maximum delay from exponential options (the retry count is not used:
     * a transient answer is retried until the job's timeout, or a few times during cleanup).
     *
     * @param retryOptions options with {@link ExponentialBackoffOptions}
     * @return this builder
     */
    @Override
    public ContainerJobClientBuilder retryOptions(RetryOptions retryOptions) {
        this.retryBackoff = RetryOptionsBackoff.exponential(retryOptions, LOGGER);
        return this;
    }

    /**
     * {@inheritDoc} By default no query value and no secret header is logged, and request bodies (which carry
     * secure environment values) never are.
     */
    @Override
    public ContainerJobClientBuilder httpLogOptions(HttpLogOptions logOptions) {
        pipelineFactory.logOptions(logOptions);
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public ContainerJobClientBuilder clientOptions(ClientOptions clientOptions) {
        pipelineFactory.clientOptions(clientOptions);
        return this;
    }

    /**
     * @param clock the clock every wait goes through; tests pass a {@link ManualClock}. Default
     *     {@link SchedulingClock#system()}.
     * @return this builder
     */
    public ContainerJobClientBuilder clock(SchedulingClock clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        return this;
    }

    /**
     * @param pollBackoff the spacing of polls while a job's state does not change, instead of the planned cadence
     *     (every 15 s, and around a job's expected end every 5 s); it restarts from the initial delay at each change.
     *     The read budget still applies. Default: the planned cadence.
     * @return this builder
     */
    public ContainerJobClientBuilder pollBackoff(Backoff pollBackoff) {
        this.pollBackoff = Objects.requireNonNull(pollBackoff, "'pollBackoff' cannot be null.");
        return this;
    }

    /**
     * The ARM reads per second that status polls may spend, together, for every client of this subscription (and
     * endpoint) in this process. ARM gives each subscription and principal a bucket of 250 reads per region, refilled
     * at 25 per second; adfkit keeps the rest for your other tools, follows the
     * {@code x-ms-ratelimit-remaining-subscription-reads} ARM reports, and waits out a {@code 429}'s
     * {@code Retry-After} for every job. Lower it when several processes poll with the same identity (their shares
     * must add up to at most 25). The first client built for a subscription sets it.
     *
     * @param readsPerSecond reads per second, 1 to 25; default {@value #DEFAULT_ARM_READS_PER_SECOND}
     * @return this builder
     * @throws IllegalArgumentException if the value is outside 1..25
     */
    public ContainerJobClientBuilder armReadsPerSecond(int readsPerSecond) {
        if (readsPerSecond < 1 || readsPerSecond > 25) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'readsPerSecond' must be between 1 and 25 (ARM's refill of subscription reads); was "
                    + readsPerSecond + "."));
        }
        this.armReadsPerSecond = readsPerSecond;
        return this;
    }

    /**
     * Records every job and its pending callback in a table, so that a restarted host (or another one) finishes it:
     * see {@link ContainerJobWatcher#resumeStoredJobs()}. The host that runs a job holds a lease on its row for the
     * job's whole life, and the row's journal records each once-only step (group created, outcome stored, group
     * cleaned up, callback delivered). The row also claims the group's name: a second job for the same group is
     * reported as {@code GROUP_EXISTS}. The table must exist. The row holds the {@code callBackUri} sealed with the
     * {@link #sealingKeys(SealingKeys) sealing keys} a job store requires, and no secure environment value, registry
     * password or secure parameter, so even a Table client that logs bodies shows none of them. Table calls run on
     * Reactor's bounded elastic scheduler, never on the watcher's timers.
     *
     * @param table the table; authenticate it with a {@code TokenCredential} (Storage Table Data Contributor) or a
     *     connection string
     * @return this builder
     */
    public ContainerJobClientBuilder tableClient(TableClient table) {
        this.jobTable = Objects.requireNonNull(table, "'table' cannot be null.");
        return this;
    }

    /**
     * The keys that seal each WebHook job's {@code callBackUri} (it carries the callback's {@code code=}) before it
     * is recorded in the job store; a host that resumes the job opens it with the same keys, or with a retired key
     * after a rotation. Required with {@link #tableClient(TableClient)}; without a store a random key of this
     * process is used.
     *
     * @param sealingKeys the host's keys
     * @return this builder
     */
    public ContainerJobClientBuilder sealingKeys(SealingKeys sealingKeys) {
        this.sealingKeys = Objects.requireNonNull(sealingKeys, "'sealingKeys' cannot be null.");
        return this;
    }

    /**
     * Which images {@code startForWebhook} may run: the request names the image, so this decides what a caller can
     * start in your subscription. Default: {@link ContainerImagePolicy#none()}, nothing.
     *
     * @param imagePolicy the allowed registries and images
     * @return this builder
     */
    public ContainerJobClientBuilder webhookImagePolicy(ContainerImagePolicy imagePolicy) {
        this.webhookImagePolicy = Objects.requireNonNull(imagePolicy, "'imagePolicy' cannot be null.");
        return this;
    }

    /**
     * @param callbackClient the client that reports WebHook-started jobs to ADF. Default: a
     *     {@link CallbackClientBuilder} client on this builder's clock.
     * @return this builder
     */
    public ContainerJobClientBuilder callbackClient(CallbackAsyncClient callbackClient) {
        this.callbackClient = Objects.requireNonNull(callbackClient, "'callbackClient' cannot be null.");
        return this;
    }

    /**
     * @param leaseDuration how long a host's claim on a stored job lasts without renewal; a job of a host that died
     *     is resumed elsewhere after at most this long. Default 5 minutes.
     * @return this builder
     */
    public ContainerJobClientBuilder leaseDuration(Duration leaseDuration) {
        Objects.requireNonNull(leaseDuration, "'leaseDuration' cannot be null.");
        if (leaseDuration.compareTo(Duration.ofSeconds(30)) < 0) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'leaseDuration' must be at least 30 seconds; was " + leaseDuration + "."));
        }
        this.leaseDuration = leaseDuration;
        return this;
    }

    /**
     * @param hostId this host's name in the job store; default a random id per built client
     * @return this builder
     */
    public ContainerJobClientBuilder hostId(String hostId) {
        this.hostId = Objects.requireNonNull(hostId, "'hostId' cannot be null.");
        return this;
    }

    /**
     * @return a new synchronous client, with its own watcher
     * @throws IllegalStateException if the subscription id, or both credential and pipeline, are missing, or a job
     *     store is set without sealing keys
     */
    public ContainerJobClient buildClient() {
        return new ContainerJobClient(buildAsyncClient());
    }

    /**
     * @return a new asynchronous client, with its own watcher
     * @throws IllegalStateException if the subscription id, or both credential and pipeline, are missing, or a job
     *     store is set without sealing keys
     */
    public ContainerJobAsyncClient buildAsyncClient() {
        if (subscriptionId == null || subscriptionId.isBlank()) {
            throw LOGGER.logExceptionAsError(new IllegalStateException(
                "Set subscriptionId(...): the subscription the container groups are created in."));
        }
        HttpPipeline effective = pipeline;
        if (effective == null) {
            if (credential == null) {
                throw LOGGER.logExceptionAsError(new IllegalStateException(
                    "Set credential(...) (for example a managed identity) or pipeline(...)."));
            }
            effective = pipelineFactory.credential(credential,
                Endpoints.withoutTrailingSlash(endpoint, "endpoint") + "/.default").build();
        }
        if (jobTable != null && sealingKeys == null) {
            throw LOGGER.logExceptionAsError(new IllegalStateException(
                "Set sealingKeys(...) with tableClient(...): the job store keeps each callBackUri only sealed."));
        }
        SealingKeys keys = sealingKeys != null ? sealingKeys : SealingKeys.generate("process");
        String host = hostId != null ? hostId : "host-" + UUID.randomUUID();
        WatcherSettings settings = new WatcherSettings(subscriptionId, clock, retryBackoff, leaseDuration, keys);
        StatusReadQueue reads = StatusReadQueue.shared(clock, endpoint, subscriptionId, armReadsPerSecond);
        CallbackAsyncClient callbacks = callbackClient != null ? callbackClient
            : new CallbackClientBuilder().clock(clock).clientOptions(pipelineFactory.clientOptions()).buildAsyncClient();
        JobStore store = jobTable == null ? null
            : new JobStore(new ConditionalTable(jobTable), new LeaseTerms(host, leaseDuration, clock));
        return new ContainerJobAsyncClient(new WatchedJobs(new ContainerGroupsApi(effective, endpoint,
            serviceVersion.getVersion(), reads.budget()), new PipelineRunsApi(effective, dataFactoryEndpoint != null
            ? dataFactoryEndpoint : endpoint), settings, store, callbacks, new PollScheduler(reads, pollBackoff),
            pipelineFactory.telemetry()), webhookImagePolicy, keys);
    }
}
