package io.github.adfkit.pauserestart;

import com.azure.core.annotation.ServiceClientBuilder;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.logging.ClientLogger;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.HttpPipelineFactory;
import io.github.adfkit.core.implementation.Telemetry;
import io.github.adfkit.pauserestart.implementation.CredentialDataFactoryManagers;
import io.github.adfkit.pauserestart.implementation.PauseStore;
import io.github.adfkit.pauserestart.implementation.Restarts;
import io.github.adfkit.pauserestart.implementation.RunStarter;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link PauseRestartClient}.
 *
 * <p>Table storage: {@link #endpoint(String)} with {@link #credential(TokenCredential)} (a managed identity needs
 * no secret), or {@link #connectionString(String)}, or a ready {@link #tableClient(TableClient)}. The table
 * ({@value #DEFAULT_TABLE_NAME} unless {@link #tableName(String) named}) is created on the first pause, except
 * for a ready table client, whose table must exist.</p>
 *
 * <p>Data Factory: by default the {@link #credential(TokenCredential) credential} also authenticates to Azure
 * Resource Manager, with a token for each pause's tenant; {@link #dataFactoryManagerFactory(DataFactoryManagerFactory)}
 * replaces that (one credential per tenant, another cloud, a test fake).</p>
 *
 * <pre>{@code
 * PauseRestartClient pauses = new PauseRestartClientBuilder()
 *     .endpoint("https://<account>.table.core.windows.net")
 *     .credential(new DefaultAzureCredentialBuilder().build())
 *     .restartPageUrl("https://pipelines.contoso.com/restart")
 *     .buildClient();
 * }</pre>
 */
@ServiceClientBuilder(serviceClients = PauseRestartClient.class)
public final class PauseRestartClientBuilder {
    /** The table that holds pauses unless another is named. */
    public static final String DEFAULT_TABLE_NAME = "adfkitpauses";
    /** How long one {@code createRun} call may take before it counts as ambiguous, unless set otherwise. */
    public static final Duration DEFAULT_CREATE_RUN_TIMEOUT = Duration.ofSeconds(30);
    /** How many times one restart tries {@code createRun}, unless set otherwise. */
    public static final int DEFAULT_CREATE_RUN_ATTEMPTS = 3;
    /** How long a restart's claim lasts without renewal, unless set otherwise. */
    public static final Duration DEFAULT_CLAIM_TIMEOUT = Duration.ofMinutes(5);
    /** The shortest claim timeout: a claim is renewed every third of it. */
    public static final Duration MIN_CLAIM_TIMEOUT = Duration.ofSeconds(3);

    private static final ClientLogger LOGGER = new ClientLogger(PauseRestartClientBuilder.class);
    private static final Backoff CREATE_RUN_BACKOFF = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(8));
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private String connectionString;
    private String endpoint;
    private TokenCredential credential;
    private String tableName = DEFAULT_TABLE_NAME;
    private TableClient tableClient;
    private DataFactoryManagerFactory dataFactoryManagerFactory;
    private AzureEnvironment azureEnvironment = AzureEnvironment.AZURE;
    private HttpClient httpClient;
    private HttpLogOptions logOptions;
    private ClientOptions clientOptions;
    private String restartPageUrl;
    private SchedulingClock clock = SchedulingClock.system();
    private Duration createRunTimeout = DEFAULT_CREATE_RUN_TIMEOUT;
    private int createRunAttempts = DEFAULT_CREATE_RUN_ATTEMPTS;
    private Duration claimTimeout = DEFAULT_CLAIM_TIMEOUT;

    /**
     * Creates a builder.
     */
    public PauseRestartClientBuilder() {
    }

    /**
     * Sets the Table storage connection string, instead of an endpoint and a credential.
     *
     * @param connectionString the storage account's connection string
     * @return this builder
     */
    public PauseRestartClientBuilder connectionString(String connectionString) {
        this.connectionString = Objects.requireNonNull(connectionString, "'connectionString' cannot be null.");
        return this;
    }

    /**
     * Sets the Table service endpoint, used with {@link #credential(TokenCredential)}.
     *
     * @param endpoint for example {@code https://<account>.table.core.windows.net}
     * @return this builder
     */
    public PauseRestartClientBuilder endpoint(String endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "'endpoint' cannot be null.");
        return this;
    }

    /**
     * Sets the host's identity: for Table storage (with {@link #endpoint(String)}) and for Azure Resource Manager
     * (unless a {@link #dataFactoryManagerFactory(DataFactoryManagerFactory) factory} is set). It needs "Storage
     * Table Data Contributor" on the account and "Data Factory Contributor" on each factory.
     *
     * @param credential for example a managed identity
     * @return this builder
     */
    public PauseRestartClientBuilder credential(TokenCredential credential) {
        this.credential = Objects.requireNonNull(credential, "'credential' cannot be null.");
        return this;
    }

    /**
     * Sets the table name.
     *
     * @param tableName 3 to 63 letters and digits, starting with a letter; {@value #DEFAULT_TABLE_NAME} if not set
     * @return this builder
     */
    public PauseRestartClientBuilder tableName(String tableName) {
        this.tableName = Objects.requireNonNull(tableName, "'tableName' cannot be null.");
        return this;
    }

    /**
     * Uses a ready table client instead of a connection string or an endpoint; its table must exist.
     *
     * @param tableClient the table that holds pauses
     * @return this builder
     */
    public PauseRestartClientBuilder tableClient(TableClient tableClient) {
        this.tableClient = Objects.requireNonNull(tableClient, "'tableClient' cannot be null.");
        return this;
    }

    /**
     * Sets how Data Factory managers are made, per tenant and subscription, instead of from
     * {@link #credential(TokenCredential)}. Their pipelines must not retry on their own: see
     * {@link DataFactoryManagerFactory}.
     *
     * @param factory the manager factory
     * @return this builder
     */
    public PauseRestartClientBuilder dataFactoryManagerFactory(DataFactoryManagerFactory factory) {
        this.dataFactoryManagerFactory = Objects.requireNonNull(factory, "'factory' cannot be null.");
        return this;
    }

    /**
     * Sets the Azure cloud for Azure Resource Manager calls made with {@link #credential(TokenCredential)}.
     *
     * @param environment the cloud; {@link AzureEnvironment#AZURE} if not set
     * @return this builder
     */
    public PauseRestartClientBuilder azureEnvironment(AzureEnvironment environment) {
        this.azureEnvironment = Objects.requireNonNull(environment, "'environment' cannot be null.");
        return this;
    }

    /**
     * Sets the HTTP client for Table storage and Azure Resource Manager.
     *
     * @param httpClient the client; azure-core's default if not set
     * @return this builder
     */
    public PauseRestartClientBuilder httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return this;
    }

    /**
     * Sets the level of HTTP logging for Table storage (when this builder creates the Table client) and Azure Resource
     * Manager. Only the level is used: request and response bodies, query values (restart tokens, keys) and secret
     * headers (bearer tokens) are never logged, whatever the options allow.
     *
     * @param logOptions the options; azure-core's level from the environment if not set
     * @return this builder
     */
    public PauseRestartClientBuilder httpLogOptions(HttpLogOptions logOptions) {
        this.logOptions = logOptions;
        return this;
    }

    /**
     * Sets the tracing and metrics options of the restarts' spans ({@code adfkit.restart}) and counters
     * ({@code adfkit.restarts} by outcome). Default: azure-core's configuration.
     *
     * @param clientOptions options whose tracing and metrics options are used; may be {@code null}
     * @return this builder
     */
    public PauseRestartClientBuilder clientOptions(ClientOptions clientOptions) {
        this.clientOptions = clientOptions;
        return this;
    }

    /**
     * Sets the public URL of the restart page (where {@link RestartPages} is served); links are this URL with
     * {@code ?token=...}. It is configured, never taken from a request's {@code Host} header, so nobody can make the
     * host mail links to another site.
     *
     * @param url an absolute https URL without query or fragment (http only for localhost)
     * @return this builder
     * @throws IllegalArgumentException if the URL is not such a URL
     */
    public PauseRestartClientBuilder restartPageUrl(String url) {
        this.restartPageUrl = checkedPageUrl(Objects.requireNonNull(url, "'url' cannot be null."));
        return this;
    }

    /**
     * Sets the time source for expiry and for waits between {@code createRun} attempts.
     *
     * @param clock the clock; {@link SchedulingClock#system()} if not set
     * @return this builder
     */
    public PauseRestartClientBuilder clock(SchedulingClock clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        return this;
    }

    /**
     * Sets how long one {@code createRun} call may take; a call that takes longer may still have started the run,
     * so the next attempt first searches the factory's runs for the pause id.
     *
     * @param timeout positive; {@link #DEFAULT_CREATE_RUN_TIMEOUT} if not set
     * @return this builder
     */
    public PauseRestartClientBuilder createRunTimeout(Duration timeout) {
        this.createRunTimeout = positive("timeout", timeout);
        return this;
    }

    /**
     * Sets how many times one restart tries {@code createRun} on 408, 429, 5xx and timeouts before it answers
     * {@code NOT_STARTED}.
     *
     * @param attempts 1 to 10; {@value #DEFAULT_CREATE_RUN_ATTEMPTS} if not set
     * @return this builder
     */
    public PauseRestartClientBuilder createRunAttempts(int attempts) {
        if (attempts < 1 || attempts > 10) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'attempts' must be 1 to 10, was " + attempts + "."));
        }
        this.createRunAttempts = attempts;
        return this;
    }

    /**
     * Sets how long a restart's claim on a ticket lasts without renewal. The host renews the claim every third of
     * this while the restart runs ({@code createRun} and its retries included), so a slow restart keeps it; a claim
     * that was not renewed for this long belongs to a restart that died (a killed host), and the next click adopts
     * it: it starts nothing if the dead restart recorded its run, and otherwise first searches the factory's runs for
     * the run the dead one may have started.
     *
     * @param timeout at least {@link #MIN_CLAIM_TIMEOUT}; {@link #DEFAULT_CLAIM_TIMEOUT} if not set
     * @return this builder
     * @throws IllegalArgumentException if the timeout is shorter than {@link #MIN_CLAIM_TIMEOUT}
     */
    public PauseRestartClientBuilder claimTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "'timeout' cannot be null.");
        if (timeout.compareTo(MIN_CLAIM_TIMEOUT) < 0) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'timeout' must be at least "
                + MIN_CLAIM_TIMEOUT + " (the claim is renewed every third of it), was " + timeout + "."));
        }
        this.claimTimeout = timeout;
        return this;
    }

    /**
     * Builds the client. Nothing is called over the network.
     *
     * @return a new client
     * @throws IllegalStateException if the restart page URL, the table or the Data Factory access is not configured
     * (or configured twice)
     */
    public PauseRestartClient buildClient() {
        if (restartPageUrl == null) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("Set restartPageUrl(...): the public URL of "
                + "the restart page, used to build restart links."));
        }
        if (dataFactoryManagerFactory == null && credential == null) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("Set credential(...) or "
                + "dataFactoryManagerFactory(...): restarts start Data Factory runs."));
        }
        DataFactoryManagerFactory managers = dataFactoryManagerFactory != null ? dataFactoryManagerFactory
            : new CredentialDataFactoryManagers(credential, azureEnvironment, httpClient, logOptions);
        PauseStore store = store();
        RunStarter starter = new RunStarter(managers, clock, CREATE_RUN_BACKOFF, createRunAttempts, createRunTimeout);
        return new PauseRestartClient(store, new Restarts(store, starter, clock, claimTimeout)
            .telemetry(Telemetry.of(clientOptions)), clock, restartPageUrl);
    }

    private PauseStore store() {
        int sources = (tableClient != null ? 1 : 0) + (connectionString != null ? 1 : 0) + (endpoint != null ? 1 : 0);
        if (sources != 1) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("Set exactly one of tableClient(...), "
                + "connectionString(...) or endpoint(...) with credential(...); " + sources + " are set."));
        }
        if (tableClient != null) {
            return new PauseStore(tableClient, () -> { });
        }
        TableServiceClientBuilder builder = new TableServiceClientBuilder().httpClient(httpClient)
            .httpLogOptions(HttpPipelineFactory.safeLogOptions(logOptions));
        if (connectionString != null) {
            builder.connectionString(connectionString);
        } else if (credential == null) {
            throw LOGGER.logExceptionAsError(new IllegalStateException(
                "endpoint(...) needs credential(...) to authenticate to Table storage."));
        } else {
            builder.endpoint(endpoint).credential(credential);
        }
        TableServiceClient service = builder.buildClient();
        return new PauseStore(service.getTableClient(tableName), () -> service.createTableIfNotExists(tableName));
    }

    private static String checkedPageUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException notAUrl) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'url' is not a URL.", notAUrl));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean loopback = uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
        boolean secure = "https".equals(scheme) || ("http".equals(scheme) && loopback);
        if (!secure || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("The restart page URL must be an absolute "
                + "https URL without query or fragment (http only for localhost), was " + url + "."));
        }
        return url;
    }

    private static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, () -> "'" + name + "' cannot be null.");
        if (value.isZero() || value.isNegative()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'" + name + "' must be positive, was " + value + "."));
        }
        return value;
    }
}
