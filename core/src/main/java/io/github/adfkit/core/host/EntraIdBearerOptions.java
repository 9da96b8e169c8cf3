package io.github.adfkit.core.host;

import com.azure.core.annotation.Fluent;
import com.azure.core.http.HttpClient;
import com.azure.core.util.logging.ClientLogger;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@code CallerAuthorization.entraIdBearer} checks a Microsoft Entra ID access token: the tenant that issued it,
 * the audience it was issued for (your app's application ID URI or client id), and the object ids of the callers
 * admitted, typically the managed identity of each Data Factory that calls the endpoint.
 *
 * <pre>{@code
 * EntraIdBearerOptions options = new EntraIdBearerOptions("<tenant-id>", "api://pipelines-host",
 *     Set.of("<object id of the factory's managed identity>"));
 * }</pre>
 */
@Fluent
public final class EntraIdBearerOptions {
    /** The public cloud's Entra ID authority. */
    public static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
    /** How far token times may be off. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    /** How long fetching the tenant's key set may take. */
    public static final Duration DEFAULT_KEY_SET_TIMEOUT = Duration.ofSeconds(10);

    private static final ClientLogger LOGGER = new ClientLogger(EntraIdBearerOptions.class);

    private final String tenantId;
    private final String audience;
    private final Set<String> allowedObjectIds;
    private String authorityHost = DEFAULT_AUTHORITY_HOST;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private HttpClient httpClient;
    private Duration keySetTimeout = DEFAULT_KEY_SET_TIMEOUT;

    /**
     * Creates the options.
     *
     * @param tenantId the tenant that issues the tokens
     * @param audience the {@code aud} the tokens must carry
     * @param allowedObjectIds the {@code oid} claims admitted; at least one
     * @throws IllegalArgumentException if no object id is given
     */
    public EntraIdBearerOptions(String tenantId, String audience, Set<String> allowedObjectIds) {
        this.tenantId = Objects.requireNonNull(tenantId, "'tenantId' cannot be null.");
        this.audience = Objects.requireNonNull(audience, "'audience' cannot be null.");
        this.allowedObjectIds = Set.copyOf(Objects.requireNonNull(allowedObjectIds,
            "'allowedObjectIds' cannot be null."));
        if (this.allowedObjectIds.isEmpty()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("Admit at least one object id: any "
                + "principal of the tenant can get a token for an audience."));
        }
    }

    /**
     * @return the tenant that issues the tokens
     */
    public String getTenantId() {
        return tenantId;
    }

    /**
     * @return the audience the tokens must carry
     */
    public String getAudience() {
        return audience;
    }

    /**
     * @return the object ids admitted
     */
    public Set<String> getAllowedObjectIds() {
        return allowedObjectIds;
    }

    /**
     * @return the authority host the signing keys come from
     */
    public String getAuthorityHost() {
        return authorityHost;
    }

    /**
     * Sets the authority host, for national clouds: signing keys come from
     * {@code <host>/<tenant>/discovery/v2.0/keys}, and v2.0 tokens must be issued by {@code <host>/<tenant>/v2.0}.
     *
     * @param authorityHost for example {@code https://login.microsoftonline.us}; {@link #DEFAULT_AUTHORITY_HOST} if
     * not set
     * @return these options
     */
    public EntraIdBearerOptions setAuthorityHost(String authorityHost) {
        this.authorityHost = Objects.requireNonNull(authorityHost, "'authorityHost' cannot be null.")
            .replaceAll("/+$", "");
        return this;
    }

    /**
     * @return how far token times may be off
     */
    public Duration getClockSkew() {
        return clockSkew;
    }

    /**
     * Sets how far token times ({@code exp}, {@code nbf}) may be off.
     *
     * @param clockSkew not negative; {@link #DEFAULT_CLOCK_SKEW} if not set
     * @return these options
     */
    public EntraIdBearerOptions setClockSkew(Duration clockSkew) {
        Objects.requireNonNull(clockSkew, "'clockSkew' cannot be null.");
        if (clockSkew.isNegative()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'clockSkew' cannot be negative."));
        }
        this.clockSkew = clockSkew;
        return this;
    }

    /**
     * @return the HTTP client for fetching signing keys, or {@code null} for azure-core's default
     */
    public HttpClient getHttpClient() {
        return httpClient;
    }

    /**
     * Sets the HTTP client for fetching signing keys.
     *
     * @param httpClient the client; azure-core's default if not set
     * @return these options
     */
    public EntraIdBearerOptions setHttpClient(HttpClient httpClient) {
        this.httpClient = httpClient;
        return this;
    }

    /**
     * @return how long fetching the tenant's key set may take
     */
    public Duration getKeySetTimeout() {
        return keySetTimeout;
    }

    /**
     * Sets how long fetching the tenant's key set may take. Only a token whose key is not known yet waits for a
     * fetch, and at most this long; tokens of known keys never wait.
     *
     * @param keySetTimeout positive; {@link #DEFAULT_KEY_SET_TIMEOUT} if not set
     * @return these options
     */
    public EntraIdBearerOptions setKeySetTimeout(Duration keySetTimeout) {
        Objects.requireNonNull(keySetTimeout, "'keySetTimeout' cannot be null.");
        if (keySetTimeout.isNegative() || keySetTimeout.isZero()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("'keySetTimeout' must be positive."));
        }
        this.keySetTimeout = keySetTimeout;
        return this;
    }
}
