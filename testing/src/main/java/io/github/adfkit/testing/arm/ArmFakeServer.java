package io.github.adfkit.testing.arm;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.logging.ClientLogger;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultMix;
import io.github.adfkit.testing.implementation.ArmRequestFilter;
import io.github.adfkit.testing.implementation.HttpsToLoopbackClient;
import io.github.adfkit.testing.implementation.LoopbackWireMock;
import io.github.adfkit.testing.implementation.PlainHttpBearerTokenPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A WireMock server on a free loopback port that plays Azure Resource Manager, and the base class of adfkit's ARM
 * fakes (Container Instances, Data Factory).
 *
 * <p>Point a management SDK at it with the documented pipeline-injection route:</p>
 * <pre>{@code
 * try (ArmFakeServer arm = new ArmFakeServer().start()) {
 *     arm.stubFor(post(urlPathMatching(".+/createRun")).willReturn(okJson("{\"runId\":\"r1\"}")));
 *     DataFactoryManager adf = DataFactoryManager.authenticate(
 *         arm.httpPipeline(new StaticTestTokenCredential()), arm.azureProfile("tenant", "subscription"));
 *     ...
 * }
 * }</pre>
 *
 * <p>What every fake built on this class does before its stubs see a request:</p>
 * <ul>
 *   <li>a request without {@code Authorization: Bearer ...} gets 401, as from ARM (switch off with
 *       {@link #requireBearerToken(boolean)});</li>
 *   <li>with {@link #throttleLikeArm(Supplier)} requests are throttled as ARM throttles a subscription (token
 *       buckets on the fake's clock, {@code 429} with {@code Retry-After}, the remaining-requests headers); off by
 *       default;</li>
 *   <li>with {@link #injectFaults(double, int...)} a fraction of requests gets 429 (with {@code Retry-After: 1}) or
 *       a 5xx, reproducibly for a given seed; with {@link #injectFaults(FaultMix)} also connection resets and slow
 *       answers.</li>
 * </ul>
 * <p>Every request, refused or not, is recorded: see {@link #requests()} and {@link #findAll(RequestPatternBuilder)}.
 * Subclasses register stubs through {@link #stubFor(MappingBuilder)} or {@link #wireMock()} and pass their WireMock
 * extensions (transformers, listeners) to {@link #ArmFakeServer(Extension...)}.</p>
 */
public class ArmFakeServer implements AutoCloseable {
    /** The statuses {@link #injectFaults(double, int...)} uses when none are given. */
    public static final List<Integer> DEFAULT_FAULT_STATUSES = List.of(429, 500, 503);
    /** The seed {@link #injectFaults(double, int...)} uses, so fault sequences repeat from run to run. */
    public static final long DEFAULT_FAULT_SEED = FaultMix.DEFAULT_SEED;
    /** The scope the pipeline asks its credential for (ARM's, as in the public cloud). */
    public static final String MANAGEMENT_SCOPE = "https://management.core.windows.net/.default";

    private static final ClientLogger LOGGER = new ClientLogger(ArmFakeServer.class);
    private static final String MANAGEMENT_ENDPOINT = "https://management.core.windows.net/";

    private final ArmRequestFilter requestFilter = new ArmRequestFilter();
    private final WireMockServer server;

    /**
     * Creates a fake without extra WireMock extensions. Call {@link #start()} before use.
     */
    public ArmFakeServer() {
        this(new Extension[0]);
    }

    /**
     * Creates a fake with extra WireMock extensions, for subclasses that answer with response transformers or listen
     * to served requests. Call {@link #start()} before use.
     *
     * @param extensions the extensions to register, each with a unique name
     */
    protected ArmFakeServer(Extension... extensions) {
        Extension[] all = Stream.concat(Stream.of(requestFilter, requestFilter.faults().delayTransformer(),
            requestFilter.throttling().headerTransformer()), Stream.of(extensions)).toArray(Extension[]::new);
        this.server = LoopbackWireMock.create(getClass(), all);
    }

    /**
     * Starts the server on a free loopback port. Does nothing if it is running.
     *
     * @return this fake
     */
    public ArmFakeServer start() {
        if (LoopbackWireMock.startIfStopped(server)) {
            LOGGER.verbose("{} listening on {}", getClass().getSimpleName(), baseUrl());
        }
        return this;
    }

    /**
     * Stops the server. Does nothing if it is not running.
     */
    public void stop() {
        LoopbackWireMock.stopIfRunning(server);
    }

    /**
     * Stops the server.
     */
    @Override
    public void close() {
        stop();
    }

    /**
     * The server's base URL.
     *
     * @return for example {@code http://127.0.0.1:51234}, without a trailing slash
     * @throws IllegalStateException if the server has not been started
     */
    public String baseUrl() {
        return LoopbackWireMock.runningBaseUrl(server, getClass().getSimpleName(), LOGGER);
    }

    /**
     * This fake's address with the {@code https} scheme, for a client built as users build it, with a credential
     * (azure-core's {@code BearerTokenAuthenticationPolicy} refuses plain http): give the client {@link #httpsClient()}
     * too, and the test runs the client's own pipeline, bearer token and logging included.
     *
     * @return {@code https://<loopback>:<port>}
     * @throws IllegalStateException if the server has not been started
     */
    public String httpsBaseUrl() {
        return "https" + baseUrl().substring("http".length());
    }

    /**
     * An {@link HttpClient} that sends each request for {@link #httpsBaseUrl()} to this fake over plain loopback
     * http (a copy of the request, so a retry starts again from the {@code https} URL) and any other request as it
     * is, through azure-core's default HTTP client.
     *
     * @return the client
     * @throws IllegalStateException if the server has not been started
     */
    public HttpClient httpsClient() {
        return new HttpsToLoopbackClient(HttpClient.createDefault(), httpsBaseUrl(), baseUrl());
    }

    /**
     * A profile that sends a management SDK to this fake. Its {@link AzureEnvironment} holds
     * {@code resourceManagerEndpointUrl} (this fake's base URL with a trailing slash), {@code managementEndpointUrl}
     * and {@code activeDirectoryResourceId} (the public cloud's management resource), and
     * {@code activeDirectoryEndpointUrl}, {@code microsoftGraphResourceId} and {@code activeDirectoryGraphResourceId}
     * (this fake, so nothing leaves the machine). Without a Microsoft Graph entry
     * {@code ContainerInstanceManager} fails at construction.
     *
     * @param tenantId the tenant id the SDK sees
     * @param subscriptionId the subscription id the SDK puts in resource paths
     * @return the profile
     * @throws IllegalStateException if the server has not been started
     */
    public AzureProfile azureProfile(String tenantId, String subscriptionId) {
        return new AzureProfile(tenantId, subscriptionId, environment(baseUrl()));
    }

    /**
     * The cloud of {@link #azureProfile(String, String)} at {@link #httpsBaseUrl()}, for a client that builds its
     * own management pipeline with a credential; give it {@link #httpsClient()} too.
     *
     * @return the environment
     * @throws IllegalStateException if the server has not been started
     */
    public AzureEnvironment httpsEnvironment() {
        return environment(httpsBaseUrl());
    }

    private static AzureEnvironment environment(String base) {
        String fake = base + "/";
        Map<String, String> endpoints = Map.of(
            "resourceManagerEndpointUrl", fake,
            "managementEndpointUrl", MANAGEMENT_ENDPOINT,
            "activeDirectoryEndpointUrl", fake,
            "activeDirectoryResourceId", MANAGEMENT_ENDPOINT,
            "microsoftGraphResourceId", fake,
            "activeDirectoryGraphResourceId", fake);
        return new AzureEnvironment(endpoints);
    }

    /**
     * A pipeline for {@code XxxManager.authenticate(pipeline, profile)}: the default {@link HttpClient}, a request
     * id, and a policy that adds {@code Authorization: Bearer <token>} from the credential over plain http. It has
     * no retry policy, so a test sees every status the fake sends.
     *
     * @param credential where the bearer token comes from, for example a {@link StaticTestTokenCredential}
     * @return the pipeline
     */
    public HttpPipeline httpPipeline(TokenCredential credential) {
        return buildPipeline(credential, null);
    }

    /**
     * Like {@link #httpPipeline(TokenCredential)}, with a retry policy built from the options in front of the bearer
     * policy, as in the management SDKs' own pipelines.
     *
     * @param credential where the bearer token comes from
     * @param retryOptions how to retry 408, 429 and 5xx answers (honouring {@code Retry-After})
     * @return the pipeline
     */
    public HttpPipeline httpPipeline(TokenCredential credential, RetryOptions retryOptions) {
        return buildPipeline(credential, Objects.requireNonNull(retryOptions, "'retryOptions' cannot be null."));
    }

    /**
     * Registers a stub, as {@code WireMockServer.stubFor} does.
     *
     * @param mapping the request to match and the response to send
     * @return the registered stub
     */
    public StubMapping stubFor(MappingBuilder mapping) {
        return server.stubFor(mapping);
    }

    /**
     * Throttles requests as ARM throttles a subscription ("Understand how Azure Resource Manager throttles requests",
     * section "Regional throttling and token bucket algorithm"): per subscription and operation type a token bucket
     * (reads 250 refilled by 25 a second, writes and deletes 200 refilled by 10), {@code 429}
     * {@code SubscriptionRequestsThrottled} with {@code Retry-After} when it is empty, and
     * {@code x-ms-ratelimit-remaining-subscription-reads} (or {@code -writes}, {@code -deletes}) on the answers.
     * The buckets refill at each whole second of the given clock and start full.
     *
     * @param clock the fake's time, for example {@code manualClock::now}
     */
    public void throttleLikeArm(Supplier<Instant> clock) {
        requestFilter.throttling().enable(clock, ArmThrottleLimits.ARM);
    }

    /**
     * Like {@link #throttleLikeArm(Supplier)} with other buckets, for example a small read bucket that a test empties
     * quickly.
     *
     * @param clock the fake's time
     * @param limits the bucket sizes and refills
     */
    public void throttleLikeArm(Supplier<Instant> clock, ArmThrottleLimits limits) {
        requestFilter.throttling().enable(clock, limits);
    }

    /**
     * @return how many requests the throttling answered with {@code 429}
     */
    public int throttledCount() {
        return requestFilter.throttling().throttledCount();
    }

    /**
     * @return how many requests arrived before the {@code Retry-After} of an earlier {@code 429} of their bucket had
     *     passed (ARM refuses them again)
     */
    public int sentBeforeRetryAfterCount() {
        return requestFilter.throttling().sentBeforeRetryAfterCount();
    }

    /**
     * Makes a fraction of all requests fail, chosen with {@link #DEFAULT_FAULT_SEED}. 429 answers carry
     * {@code Retry-After: 1}; every fault has an ARM-style JSON error body.
     *
     * @param rate the fraction of requests to fail, from 0.0 (none) to 1.0 (all)
     * @param statuses the statuses to fail with, picked at random per fault; {@link #DEFAULT_FAULT_STATUSES} if none
     * @throws IllegalArgumentException if the rate is outside 0.0..1.0 or a status is not a 4xx/5xx
     */
    public void injectFaults(double rate, int... statuses) {
        injectFaults(DEFAULT_FAULT_SEED, rate, statuses);
    }

    /**
     * Makes a fraction of all requests fail, chosen with the given seed: the same seed and the same sequence of
     * requests give the same faults.
     *
     * @param seed the random seed
     * @param rate the fraction of requests to fail, from 0.0 (none) to 1.0 (all)
     * @param statuses the statuses to fail with, picked at random per fault; {@link #DEFAULT_FAULT_STATUSES} if none
     * @throws IllegalArgumentException if the rate is outside 0.0..1.0 or a status is not a 4xx/5xx
     */
    public void injectFaults(long seed, double rate, int... statuses) {
        int[] chosen = statuses == null || statuses.length == 0
            ? DEFAULT_FAULT_STATUSES.stream().mapToInt(Integer::intValue).toArray() : statuses;
        injectFaults(seed, FaultMix.ofRate(rate).withStatuses(chosen));
    }

    /**
     * Makes a fraction of all requests fail with a mix of statuses, connection resets and slow answers, chosen with
     * {@link #DEFAULT_FAULT_SEED}.
     *
     * @param mix the rate and the kinds of fault
     * @throws IllegalArgumentException if the mix names no kind of fault, or {@link FaultKind#RESET_AFTER} or
     *     {@link FaultKind#STALL} (put a {@link io.github.adfkit.testing.faults.FaultProxy} in front for those)
     * @see #injectFaults(long, FaultMix)
     */
    public void injectFaults(FaultMix mix) {
        injectFaults(DEFAULT_FAULT_SEED, mix);
    }

    /**
     * Makes a fraction of all requests fail with a mix of statuses, connection resets and slow answers, chosen with
     * the given seed. Statuses and resets stop the request before the fake's stubs see it: nothing is created or
     * changed. A slow answer lets the fake act at once and holds the answer back. For "acted, then the answer was
     * lost", put a {@link io.github.adfkit.testing.faults.FaultProxy} with {@link FaultKind#RESET_AFTER} in front.
     *
     * @param seed the random seed
     * @param mix the rate and the kinds of fault
     * @throws IllegalArgumentException if the mix names no kind of fault, or {@link FaultKind#RESET_AFTER} or
     *     {@link FaultKind#STALL}
     */
    public void injectFaults(long seed, FaultMix mix) {
        requestFilter.faults().configure(seed, Objects.requireNonNull(mix, "'mix' cannot be null."));
    }

    /**
     * Stops injecting faults.
     */
    public void clearFaults() {
        requestFilter.faults().clear();
    }

    /**
     * How many faults this fake has injected.
     *
     * @return the count since the fake was created
     */
    public int injectedFaultCount() {
        return requestFilter.faults().injectedCount();
    }

    /**
     * Whether requests without {@code Authorization: Bearer ...} are refused with 401 (the default) or served.
     *
     * @param required true to refuse them
     */
    public void requireBearerToken(boolean required) {
        requestFilter.requireBearerToken(required);
    }

    /**
     * Every request received since start (or the last {@link #resetRequests()}), oldest first, including refused
     * and fault-injected ones.
     *
     * @return the recorded requests
     */
    public List<LoggedRequest> requests() {
        return findAll(RequestPatternBuilder.allRequests());
    }

    /**
     * The recorded requests that match a pattern, oldest first.
     *
     * @param pattern for example {@code postRequestedFor(urlPathMatching(".+/createRun"))}
     * @return the matching requests
     */
    public List<LoggedRequest> findAll(RequestPatternBuilder pattern) {
        return server.findAll(pattern);
    }

    /**
     * Every request received since start (or the last {@link #resetRequests()}) with the answer it got, such as its
     * status, newest first.
     *
     * @return the served requests
     */
    public List<ServeEvent> serveEvents() {
        return server.getAllServeEvents();
    }

    /**
     * Forgets the recorded requests; stubs and fault settings stay.
     */
    public void resetRequests() {
        server.resetRequests();
    }

    /**
     * The underlying WireMock server, for subclasses that need more than {@link #stubFor(MappingBuilder)}.
     *
     * @return the server
     */
    protected WireMockServer wireMock() {
        return server;
    }

    private static HttpPipeline buildPipeline(TokenCredential credential, RetryOptions retryOptions) {
        Objects.requireNonNull(credential, "'credential' cannot be null.");
        List<HttpPipelinePolicy> policies = new ArrayList<>();
        policies.add(new RequestIdPolicy());
        if (retryOptions != null) {
            policies.add(new RetryPolicy(retryOptions));
        }
        policies.add(new PlainHttpBearerTokenPolicy(credential, MANAGEMENT_SCOPE));
        return new HttpPipelineBuilder()
            .httpClient(HttpClient.createDefault())
            .policies(policies.toArray(new HttpPipelinePolicy[0]))
            .build();
    }
}
