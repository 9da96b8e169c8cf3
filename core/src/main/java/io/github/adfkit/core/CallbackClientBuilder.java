package io.github.adfkit.core;

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
import io.github.adfkit.core.implementation.CallbackSender;
import io.github.adfkit.core.implementation.HttpPipelineFactory;
import io.github.adfkit.core.implementation.RetryOptionsBackoff;

import java.time.Duration;
import java.util.Objects;

/**
 * Builds {@link CallbackClient} and {@link CallbackAsyncClient}.
 *
 * <p>Defaults: callback hosts allowed by {@link CallbackUriPolicy#dataFactoryDefaults()}, a 10-minute deadline (the
 * WebHook activity's default timeout), exponential backoff from 1 second to 1 minute with jitter, the system
 * clock. Retries are adfkit's own (they honour the deadline), so the HTTP pipeline gets no retry policy; if you pass
 * your own {@link #pipeline(HttpPipeline)}, leave retries out of it. {@link #retryOptions(RetryOptions)} sets the
 * backoff's initial and maximum delay.</p>
 *
 * <pre>{@code
 * CallbackClient client = new CallbackClientBuilder()
 *     .deadline(Duration.ofHours(2))   // the activity's timeout
 *     .buildClient();
 * }</pre>
 */
@ServiceClientBuilder(serviceClients = {CallbackClient.class, CallbackAsyncClient.class})
public final class CallbackClientBuilder implements HttpTrait<CallbackClientBuilder> {
    /** The default deadline: the WebHook activity's default timeout. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(10);
    /** The default backoff between attempts. */
    public static final Backoff DEFAULT_BACKOFF = Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1));

    private static final ClientLogger LOGGER = new ClientLogger(CallbackClientBuilder.class);

    private final HttpPipelineFactory pipelineFactory = new HttpPipelineFactory().withoutRetries();
    private HttpPipeline pipeline;
    private CallbackUriPolicy callbackUriPolicy = CallbackUriPolicy.dataFactoryDefaults();
    private Duration deadline = DEFAULT_DEADLINE;
    private Backoff backoff = DEFAULT_BACKOFF;
    private SchedulingClock clock = SchedulingClock.system();

    /**
     * Creates a builder with the defaults.
     */
    public CallbackClientBuilder() {
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public CallbackClientBuilder httpClient(HttpClient httpClient) {
        pipelineFactory.httpClient(httpClient);
        return this;
    }

    /**
     * {@inheritDoc} When set, {@link #httpClient}, {@link #addPolicy}, {@link #httpLogOptions} and
     * {@link #clientOptions} are ignored.
     */
    @Override
    public CallbackClientBuilder pipeline(HttpPipeline pipeline) {
        this.pipeline = pipeline;
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public CallbackClientBuilder addPolicy(HttpPipelinePolicy pipelinePolicy) {
        pipelineFactory.addPolicy(Objects.requireNonNull(pipelinePolicy, "'pipelinePolicy' cannot be null."));
        return this;
    }

    /**
     * Sets the backoff's initial and maximum delay from exponential options (the retry count is ignored: attempts
     * continue until the {@linkplain #deadline(Duration) deadline}).
     *
     * @param retryOptions options with {@link ExponentialBackoffOptions}
     * @return this builder
     */
    @Override
    public CallbackClientBuilder retryOptions(RetryOptions retryOptions) {
        this.backoff = RetryOptionsBackoff.exponential(retryOptions, LOGGER);
        return this;
    }

    /**
     * {@inheritDoc} By default no query value and no secret header is ever logged.
     */
    @Override
    public CallbackClientBuilder httpLogOptions(HttpLogOptions logOptions) {
        pipelineFactory.logOptions(logOptions);
        return this;
    }

    /**
     * {@inheritDoc}
     */
    @Override
    public CallbackClientBuilder clientOptions(ClientOptions clientOptions) {
        pipelineFactory.clientOptions(clientOptions);
        return this;
    }

    /**
     * @param callbackUriPolicy which callback URIs may be called. Default
     *     {@link CallbackUriPolicy#dataFactoryDefaults()}.
     * @return this builder
     */
    public CallbackClientBuilder callbackUriPolicy(CallbackUriPolicy callbackUriPolicy) {
        this.callbackUriPolicy = Objects.requireNonNull(callbackUriPolicy, "'callbackUriPolicy' cannot be null.");
        return this;
    }

    /**
     * @param deadline how long one delivery keeps retrying; set it to the WebHook activity's timeout. Default 10
     *     minutes.
     * @return this builder
     */
    public CallbackClientBuilder deadline(Duration deadline) {
        Objects.requireNonNull(deadline, "'deadline' cannot be null.");
        if (deadline.isNegative() || deadline.isZero()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'deadline' must be positive, was " + deadline + "."));
        }
        this.deadline = deadline;
        return this;
    }

    /**
     * @param backoff the delays between attempts when ADF sends no {@code Retry-After}. Default 1 s doubling to 1 min.
     * @return this builder
     */
    public CallbackClientBuilder backoff(Backoff backoff) {
        this.backoff = Objects.requireNonNull(backoff, "'backoff' cannot be null.");
        return this;
    }

    /**
     * @param clock the clock the waits go through; tests pass a {@link ManualClock}. Default
     *     {@link SchedulingClock#system()}.
     * @return this builder
     */
    public CallbackClientBuilder clock(SchedulingClock clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
        return this;
    }

    /**
     * @return a new synchronous client
     */
    public CallbackClient buildClient() {
        return new CallbackClient(sender());
    }

    /**
     * @return a new asynchronous client
     */
    public CallbackAsyncClient buildAsyncClient() {
        return new CallbackAsyncClient(sender());
    }

    private CallbackSender sender() {
        HttpPipeline effective = pipeline != null ? pipeline : pipelineFactory.build();
        return new CallbackSender(effective, callbackUriPolicy, backoff, deadline, clock, pipelineFactory.telemetry());
    }
}
