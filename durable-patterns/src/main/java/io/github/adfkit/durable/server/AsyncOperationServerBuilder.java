package io.github.adfkit.durable.server;

import com.azure.core.util.ClientOptions;
import com.azure.core.util.logging.ClientLogger;
import com.azure.data.tables.TableClient;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.host.PublicUrls;
import io.github.adfkit.core.implementation.ConditionalRows;
import io.github.adfkit.core.implementation.ConditionalTable;
import io.github.adfkit.core.implementation.InMemoryRows;
import io.github.adfkit.core.implementation.SystemSchedulingClock;
import io.github.adfkit.core.implementation.Telemetry;
import io.github.adfkit.durable.server.implementation.EndpointSettings;
import io.github.adfkit.durable.server.implementation.KindDefinition;
import io.github.adfkit.durable.server.implementation.OperationIds;
import io.github.adfkit.durable.server.implementation.SupervisorSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Builds an {@link AsyncOperationServer}. Only the operation kinds are required; everything else has a default.
 *
 * <pre>{@code
 * AsyncOperationServer server = new AsyncOperationServerBuilder()
 *     .addOperationKind(OperationKind.of("query", DateRange::fromRequest, audit::countDistinctIds))
 *     .tableClient(operationsTable)
 *     .routePrefix("/api")
 *     .buildServer();
 * }</pre>
 */
public final class AsyncOperationServerBuilder {
    private static final ClientLogger LOGGER = new ClientLogger(AsyncOperationServerBuilder.class);
    private static final Pattern ROUTE_PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)*");
    private static final int DEFAULT_QUEUE = 1000;
    private static final Duration MIN_LEASE = Duration.ofSeconds(3);

    private final Map<String, KindDefinition> kinds = new LinkedHashMap<>();
    private TableClient table;
    private ExecutorService executor;
    private SchedulingClock clock;
    private Duration retryAfter = Duration.ofSeconds(5);
    private PublicUrls publicUrls = PublicUrls.serverAddress();
    private String routePrefix = "/api";
    private Duration leaseDuration = Duration.ofSeconds(30);
    private Duration retention = Duration.ofHours(24);
    private int maxBodyBytes = 64 * 1024;
    private boolean acceptedWhileRunning = true;
    private ClientOptions clientOptions;

    /**
     * Creates a builder with the defaults: in-memory store, route prefix {@code /api}, Retry-After 5 seconds,
     * 30-second leases, 24-hour retention, 64 KiB bodies, forwarded headers not trusted, 202 while running.
     */
    public AsyncOperationServerBuilder() {
    }

    /**
     * Registers an operation kind, submitted with {@code POST {prefix}/submit/{name}}.
     *
     * @param kind the kind
     * @return this builder
     * @throws IllegalArgumentException if a kind with the same name is registered
     */
    public AsyncOperationServerBuilder addOperationKind(OperationKind<?> kind) {
        Objects.requireNonNull(kind, "'kind' cannot be null.");
        if (kinds.putIfAbsent(kind.getName(), kind.toDefinition()) != null) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("An operation kind named '"
                + kind.getName() + "' is already registered."));
        }
        return this;
    }

    /**
     * Keeps operations, single-flight leases and Idempotency-Key claims in an Azure Table shared by every host that
     * uses it, so any host answers for any operation, single-flight holds across hosts, and a dead host's operations
     * are noticed by the others. Without it (or with {@code null}) they are kept in this process's memory and lost
     * when it exits: for one host and for tests. Build the client with a {@code TokenCredential} (managed identity)
     * where you can, for example {@code new TableServiceClientBuilder().endpoint(url).credential(new
     * DefaultAzureCredentialBuilder().build()).buildClient().createTableIfNotExists("operations")}.
     *
     * @param table an existing table, one per set of hosts that share operations; {@code null} for memory
     * @return this builder
     */
    public AsyncOperationServerBuilder tableClient(TableClient table) {
        this.table = table;
        return this;
    }

    /**
     * Sets the executor the work runs on; give it a bounded queue, since a full executor is answered with 503. The
     * caller owns it and shuts it down. Default: one thread per processor (at least two) and a queue of 1000,
     * shut down by {@link AsyncOperationServer#close()}.
     *
     * @param executor the executor
     * @return this builder
     */
    public AsyncOperationServerBuilder executor(ExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "'executor' cannot be null.");
        return this;
    }

    /**
     * Sets the clock that lease renewals, the expiry sweep and retention run on (a {@code ManualClock} in tests).
     * Default: the wall clock on a scheduler thread of this server.
     *
     * @param clock the clock
     * @return this builder
     */
    public AsyncOperationServerBuilder clock(SchedulingClock clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        return this;
    }

    /**
     * Sets the polling interval suggested to callers in {@code Retry-After}. Default: 5 seconds.
     *
     * @param retryAfter at least one second
     * @return this builder
     */
    public AsyncOperationServerBuilder retryAfter(Duration retryAfter) {
        this.retryAfter = atLeast(retryAfter, Duration.ofSeconds(1), "retryAfter");
        return this;
    }

    /**
     * How status URIs ({@code statusUri}, {@code Location}) are written: under the URL callers reach the host by
     * ({@link PublicUrls#baseUrl(String)}), from a trusted proxy's forwarded headers
     * ({@link PublicUrls#forwardedBy(io.github.adfkit.core.host.TrustedProxies)}), on the address the server
     * received the request on ({@link PublicUrls#serverAddress()}), or relative. Never from the {@code Host} header,
     * which any caller chooses. Default: {@link PublicUrls#serverAddress()}, absolute links that azure-core's pollers
     * and ADF's Web activity follow with nothing to configure (azure-core refuses a relative {@code Location} unless
     * the caller hands its poller an endpoint). Behind a gateway, set {@link PublicUrls#baseUrl(String)}.
     *
     * @param publicUrls how links back to this host are written
     * @return this builder
     */
    public AsyncOperationServerBuilder publicUrls(PublicUrls publicUrls) {
        this.publicUrls = Objects.requireNonNull(publicUrls, "'publicUrls' cannot be null.");
        return this;
    }

    /**
     * Sets the path in front of {@code /submit/{kind}} and {@code /status/{id}}. Default: {@code /api}, the
     * Azure Functions route prefix.
     *
     * @param routePrefix empty, or segments such as {@code /api/v1} (letters, digits, {@code .~_-})
     * @return this builder
     * @throws IllegalArgumentException if the prefix is not of that form
     */
    public AsyncOperationServerBuilder routePrefix(String routePrefix) {
        if (routePrefix == null || !ROUTE_PREFIX.matcher(routePrefix).matches()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'routePrefix' must be empty or look like "
                + "'/api' or '/api/v1'."));
        }
        this.routePrefix = routePrefix;
        return this;
    }

    /**
     * Sets how long an operation's lease lasts without renewal. The running host renews every third of it, and
     * every host sweeps the store for expired leases once per lease duration: when a host dies, the others mark its
     * operations Failed (or re-run them) one to two lease durations after its last renewal. Default: 30 seconds.
     *
     * @param leaseDuration at least 3 seconds
     * @return this builder
     */
    public AsyncOperationServerBuilder leaseDuration(Duration leaseDuration) {
        this.leaseDuration = atLeast(leaseDuration, MIN_LEASE, "leaseDuration");
        return this;
    }

    /**
     * Sets how long finished operations and Idempotency-Key claims are kept. Default: 24 hours.
     *
     * @param retention positive
     * @return this builder
     */
    public AsyncOperationServerBuilder retention(Duration retention) {
        this.retention = atLeast(retention, Duration.ofSeconds(1), "retention");
        return this;
    }

    /**
     * Sets the largest submit body accepted; a larger one is answered with 413. Default: 64 KiB.
     *
     * @param maxBodyBytes positive
     * @return this builder
     */
    public AsyncOperationServerBuilder maxBodyBytes(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'maxBodyBytes' must be positive."));
        }
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    /**
     * Whether the status endpoint answers as pollers that follow 202 responses expect (the default), or as the
     * seed did. By default it answers {@code 202 Accepted} with {@code Location} (itself) while the operation is
     * Pending or Running, {@code 200} with {@code Location} on the result once it completed, and {@code 409} once it
     * failed, was canceled or terminated, or was refused as a single-flight conflict: the ADF Web activity,
     * Logic Apps and azure-core's {@code LocationPollingStrategy} all stop at the outcome and read a failure as one.
     * {@code false} is the seed's behaviour, kept for callers written against it: {@code 200} whatever the status,
     * the caller reading {@code "status"} in the body. The body is the same in both modes.
     *
     * @param accepted {@code false} for the seed's 200-while-running answers
     * @return this builder
     */
    public AsyncOperationServerBuilder acceptedWhileRunning(boolean accepted) {
        this.acceptedWhileRunning = accepted;
        return this;
    }

    /**
     * Sets the tracing and metrics options of the operations' spans ({@code adfkit.operation}) and counters
     * ({@code adfkit.operations} by status). Default: azure-core's configuration, so an application with an
     * OpenTelemetry plugin on the class path sees them with nothing set.
     *
     * @param clientOptions options whose tracing and metrics options are used; may be {@code null}
     * @return this builder
     */
    public AsyncOperationServerBuilder clientOptions(ClientOptions clientOptions) {
        this.clientOptions = clientOptions;
        return this;
    }

    /**
     * Builds the server. Each call builds a new server (with its own default executor and scheduler).
     *
     * @return the server
     * @throws IllegalStateException if no operation kind is registered
     */
    public AsyncOperationServer buildServer() {
        if (kinds.isEmpty()) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("Register at least one operation kind with "
                + "addOperationKind(...)."));
        }
        List<ExecutorService> owned = new ArrayList<>();
        ExecutorService work = executor;
        if (work == null) {
            int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
            work = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(DEFAULT_QUEUE), new SystemSchedulingClock.DaemonThreads("adfkit-operation-"));
            owned.add(work);
        }
        SchedulingClock time = clock;
        if (time == null) {
            var scheduler = Executors.newSingleThreadScheduledExecutor(
                new SystemSchedulingClock.DaemonThreads("adfkit-operation-lease-"));
            owned.add(scheduler);
            time = SchedulingClock.system(scheduler);
        }
        ConditionalRows records = table == null ? new InMemoryRows() : new ConditionalTable(table);
        return new AsyncOperationServer(records, kinds, work, time,
            new SupervisorSettings(OperationIds.newId(), leaseDuration, retention),
            new EndpointSettings(routePrefix, retryAfter, publicUrls, maxBodyBytes,
                acceptedWhileRunning), owned).telemetry(Telemetry.of(clientOptions));
    }

    private static Duration atLeast(Duration value, Duration min, String name) {
        Objects.requireNonNull(value, "'" + name + "' cannot be null.");
        if (value.compareTo(min) < 0) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'" + name + "' must be at least " + min
                + ", was " + value + "."));
        }
        return value;
    }
}
