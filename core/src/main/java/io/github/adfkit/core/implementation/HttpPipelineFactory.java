package io.github.adfkit.core.implementation;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.HttpLoggingPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPolicyProviders;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.util.ClientOptions;
import com.azure.core.util.Configuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the azure-core {@link HttpPipeline} every adfkit client uses, the same way each time: request id, user
 * agent, azure-core's instrumentation (an HTTP span per attempt under adfkit's tracer, honouring the
 * {@link ClientOptions}' tracing options, and any policy an {@code HttpPolicyProvider} adds), optional bearer token,
 * retries with exponential backoff that honour {@code Retry-After}, and logging that
 * never shows a body, a query value or a secret header, whatever the user's {@link HttpLogOptions}. The default
 * HTTP client is azure-core's client on the JDK's {@code java.net.http} ({@code azure-core-http-jdk-httpclient}),
 * which logs no URL: reactor-netty logs request URLs (a callBackUri's {@code code=}) at DEBUG and TRACE.
 *
 * <p>Mutable and not thread-safe: one instance per client builder.</p>
 */
public final class HttpPipelineFactory {
    /** Retries on 408, 429, 5xx and I/O errors: three, from 800 ms doubling to 8 s, as azure-core's default. */
    public static final RetryOptions DEFAULT_RETRY_OPTIONS = new RetryOptions(new ExponentialBackoffOptions()
        .setMaxRetries(3).setBaseDelay(Duration.ofMillis(800)).setMaxDelay(Duration.ofSeconds(8)));

    private static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private HttpClient httpClient;
    private HttpLogOptions logOptions;
    private RetryOptions retryOptions = DEFAULT_RETRY_OPTIONS;
    private boolean retries = true;
    private ClientOptions clientOptions;
    private TokenCredential credential;
    private String[] scopes = new String[0];
    private final List<HttpPipelinePolicy> policies = new ArrayList<>();

    /**
     * @param httpClient the HTTP client; {@code null} for azure-core's default (Netty)
     * @return this
     */
    public HttpPipelineFactory httpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return this;
    }

    /**
     * @param logOptions HTTP logging options; only the level is used, and bodies are never logged (see
     *     {@link #safeLogOptions(HttpLogOptions)})
     * @return this
     */
    public HttpPipelineFactory logOptions(HttpLogOptions logOptions) {
        this.logOptions = logOptions;
        return this;
    }

    /**
     * @param retryOptions retry options; {@code null} for {@link #DEFAULT_RETRY_OPTIONS}
     * @return this
     */
    public HttpPipelineFactory retryOptions(RetryOptions retryOptions) {
        this.retryOptions = retryOptions == null ? DEFAULT_RETRY_OPTIONS : retryOptions;
        return this;
    }

    /**
     * Leaves the retry policy out, for callers that retry themselves (with a deadline and a clock).
     *
     * @return this
     */
    public HttpPipelineFactory withoutRetries() {
        this.retries = false;
        return this;
    }

    /**
     * @param clientOptions application id and extra headers; may be {@code null}
     * @return this
     */
    public HttpPipelineFactory clientOptions(ClientOptions clientOptions) {
        this.clientOptions = clientOptions;
        return this;
    }

    /**
     * @return the client options set, or {@code null}
     */
    public ClientOptions clientOptions() {
        return clientOptions;
    }

    /**
     * @return the spans and counters of a client with these options
     */
    public Telemetry telemetry() {
        return Telemetry.of(clientOptions);
    }

    /**
     * Authenticates every request with a bearer token for the given scopes.
     *
     * @param credential the credential; {@code null} for none
     * @param scopes the token scopes
     * @return this
     */
    public HttpPipelineFactory credential(TokenCredential credential, String... scopes) {
        this.credential = credential;
        this.scopes = scopes.clone();
        return this;
    }

    /**
     * @param policy an extra policy, run on every attempt
     * @return this
     */
    public HttpPipelineFactory addPolicy(HttpPipelinePolicy policy) {
        policies.add(policy);
        return this;
    }

    /**
     * @return the pipeline
     */
    public HttpPipeline build() {
        List<HttpPipelinePolicy> chain = new ArrayList<>();
        String applicationId = clientOptions == null ? null : clientOptions.getApplicationId();
        chain.add(new UserAgentPolicy(applicationId, SdkVersion.NAME, SdkVersion.VERSION, Configuration.getGlobalConfiguration()));
        chain.add(new RequestIdPolicy());
        HttpPolicyProviders.addBeforeRetryPolicies(chain);
        if (clientOptions != null && clientOptions.getHeaders() != null) {
            HttpHeaders headers = new HttpHeaders();
            clientOptions.getHeaders().forEach(h -> headers.set(HttpHeaderName.fromString(h.getName()), h.getValue()));
            if (headers.getSize() > 0) {
                chain.add(new AddHeadersPolicy(headers));
            }
        }
        if (retries) {
            chain.add(new RetryPolicy(retryOptions));
        }
        if (credential != null) {
            chain.add(new BearerTokenAuthenticationPolicy(credential, scopes));
        }
        chain.addAll(policies);
        HttpPolicyProviders.addAfterRetryPolicies(chain);
        chain.add(new HttpLoggingPolicy(safeLogOptions(logOptions)));
        return new HttpPipelineBuilder()
            .httpClient(httpClient == null ? defaultHttpClient() : httpClient)
            .clientOptions(clientOptions)
            .tracer(telemetry().tracer())
            .policies(chain.toArray(new HttpPipelinePolicy[0]))
            .build();
    }

    /**
     * @return logging options that show no query value and only harmless headers
     */
    public static HttpLogOptions redactingLogOptions() {
        return new HttpLogOptions()
            .setAllowedQueryParamNames(Set.of("api-version"))
            .setAllowedHeaderNames(Set.of("Retry-After", "retry-after-ms", "x-ms-retry-after-ms", "Content-Type",
                "x-ms-request-id", "x-ms-correlation-request-id"));
    }

    /**
     * What adfkit's pipelines log whatever the user asks for: the user's level (or azure-core's from the
     * environment), but never a body (bodies carry secure values, passwords and callback payloads), only the
     * harmless headers and the {@code api-version} query value of {@link #redactingLogOptions()}.
     *
     * @param requested the user's options; {@code null} for the environment's level
     * @return the options adfkit applies
     */
    public static HttpLogOptions safeLogOptions(HttpLogOptions requested) {
        HttpLogDetailLevel level = (requested != null ? requested : new HttpLogOptions()).getLogLevel();
        HttpLogDetailLevel withoutBodies = switch (level) {
            case BODY -> HttpLogDetailLevel.BASIC;
            case BODY_AND_HEADERS -> HttpLogDetailLevel.HEADERS;
            default -> level;
        };
        return redactingLogOptions().setLogLevel(withoutBodies);
    }

    private static HttpClient defaultHttpClient() {
        return new JdkHttpClientBuilder().responseTimeout(DEFAULT_RESPONSE_TIMEOUT).build();
    }
}
