package io.github.adfkit.durable;

import com.azure.core.annotation.ServiceClientBuilder;
import com.azure.core.client.traits.HttpTrait;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.HttpPipelineFactory;
import io.github.adfkit.core.implementation.RetryOptionsBackoff;
import io.github.adfkit.durable.implementation.OperationRequests;

import java.time.Duration;
import java.util.Objects;

/**
 * Builds {@link AsyncOperationClient}, {@link AsyncOperationAsyncClient} and {@link OperationWatcher}.
 *
 * <p>Defaults: polls back off from 1 second doubling to 1 minute with 20% jitter whenever the server sends no
 * {@code Retry-After}; an operation is waited for at most 24 hours; the system clock (adfkit's shared two-thread
 * scheduler); azure-core's default HTTP client (Netty). Transient errors are retried by adfkit itself, with the clock
 * and within the timeout, so the HTTP pipeline gets no retry policy; if you pass your own
 * {@link #pipeline(HttpPipeline)}, leave retries out of it.</p>
 *
 * <pre>{@code
 * AsyncOperationClient client = new AsyncOperationClientBuilder()
 *     .timeout(Duration.ofHours(2))
 *     .buildClient();
 * }</pre>
 */
@ServiceClientBuilder(serviceClients = {AsyncOperationClient.class, AsyncOperationAsyncClient.class,
    OperationWatcher.class})
public final class AsyncOperationClientBuilder implements HttpTrait<AsyncOperationClientBuilder> {
    /** The default longest wait for one operation. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    /** The default delays between polls when the server sends no {@code Retry-After}. */
    public static final Backoff DEFAULT_POLL_BACKOFF = Backoff.exponential(Duration.ofSeconds(1),
        Duration.ofMinutes(1));

    /** The default bound on a watcher's polls in flight at once. */
    public static final int DEFAULT_MAX_CONCURRENT_POLLS = 256;

    private static final ClientLogger LOGGER = new ClientLogger(AsyncOperationClientBuilder.class);

    private final HttpPipelineFactory pipelineFactory = new HttpPipelineFactory().withoutRetries();
    private HttpPipeline pipeline;
    private SchedulingClock clock = SchedulingClock.system();
    private Backoff pollBackoff = DEFAULT_POLL_BACKOFF;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxConcurrentPolls = DEFAULT_MAX_CONCURRENT_POLLS;

    /**
     * Creates a builder with the defaults.
     */
    public AsyncOperationClientBuilder() {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public AsyncOperationClientBuilder httpClient(HttpClient httpClient) {
        pipelineFactory.httpClient(httpClient);
        return this;
    }

    /**
     * {@inheritDoc} When set, {@link #httpClient}, {@link #addPolicy}, {@link #httpLogOptions} and
     * {@link #clientOptions} are ignored. Leave retries out of it: adfkit retries polls itself.
     */
    @Override
    public AsyncOperationClientBuilder pipeline(HttpPipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /**
     * {@inheritDoc} For example a {@code BearerTokenAuthenticationPolicy} for an endpoint behind Microsoft Entra ID.
     */
    @Override
    public AsyncOperationClientBuilder addPolicy(HttpPipelinePolicy pipelinePolicy) {
        pipelineFactory.addPolicy(Objects.requireNonNull(pipelinePolicy, "'pipelinePolicy' cannot be null."));
        return this;
    }

    /**
     * Sets the poll backoff's initial and maximum delay from exponential options (the retry count is ignored: polls
     * continue until the {@linkplain #timeout(Duration) timeout}).
     *
     * @param retryOptions options with {@link ExponentialBackoffOptions}
     * @return this builder
     * @throws IllegalArgumentException if the options carry no exponential base and max delay
     */
    @Override
    public AsyncOperationClientBuilder retryOptions(RetryOptions retryOptions) {
        return pollBackoff(RetryOptionsBackoff.exponential(retryOptions, LOGGER));
    }

    /**
     * {@inheritDoc} By default no query value (so no {@code code=} key) and no secret header is ever logged.
     */
    @Override
    public AsyncOperationClientBuilder httpLogOptions(HttpLogOptions logOptions) {
        pipelineFactory.logOptions(logOptions);
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public AsyncOperationClientBuilder clientOptions(ClientOptions clientOptions) {
        pipelineFactory.clientOptions(clientOptions);
        return this;
    }

    /**
     * @param clock the clock every wait goes through; tests pass a {@link ManualClock}. Default
     *     {@link SchedulingClock#system()}.
     * @return this builder
     */
    public AsyncOperationClientBuilder clock(SchedulingClock clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        return this;
    }

    /**
     * @param pollBackoff the delays between polls, and after transient errors, when the server sends no
     *     {@code Retry-After}. Default {@link #DEFAULT_POLL_BACKOFF}.
     * @return this builder
     */
    public AsyncOperationClientBuilder pollBackoff(Backoff pollBackoff) {
        this.pollBackoff = Objects.requireNonNull(pollBackoff, "'pollBackoff' cannot be null.");
        return this;
    }

    /**
     * @param timeout the longest wait for one operation, from its first request, unless its
     *     {@link io.github.adfkit.durable.models.BeginOperationOptions#setTimeout options} say otherwise. Default
     *     {@link #DEFAULT_TIMEOUT}.
     * @return this builder
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public AsyncOperationClientBuilder timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "'timeout' cannot be null.");
        if (timeout.isNegative() || timeout.isZero()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'timeout' must be positive, was " + timeout + "."));
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * @param maxConcurrentPolls the most polls an {@link OperationWatcher} has in flight at once; keep it at or below
     *     the HTTP client's connection pool size (500 for azure-core's Netty client). Default
     *     {@value #DEFAULT_MAX_CONCURRENT_POLLS}.
     * @return this builder
     * @throws IllegalArgumentException if {@code maxConcurrentPolls} is less than 1
     */
    public AsyncOperationClientBuilder maxConcurrentPolls(int maxConcurrentPolls) {
        if (maxConcurrentPolls < 1) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'maxConcurrentPolls' must be at least 1, was " + maxConcurrentPolls + "."));
        }
        this.maxConcurrentPolls = maxConcurrentPolls;
        return this;
    }

    /**
     * @return a new synchronous client
     */
    public AsyncOperationClient buildClient() {
        return new AsyncOperationClient(requests(), maxConcurrentPolls);
    }

    /**
     * @return a new asynchronous client
     */
    public AsyncOperationAsyncClient buildAsyncClient() {
        return new AsyncOperationAsyncClient(requests(), maxConcurrentPolls);
    }

    private OperationRequests requests() {
        HttpPipeline effective = pipeline != null ? pipeline : pipelineFactory.build();
        return new OperationRequests(effective, clock, pollBackoff, timeout);
    }
}
