package io.github.adfkit.durable.models;

import com.azure.core.annotation.Fluent;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import io.github.adfkit.durable.implementation.Urls;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request that starts an asynchronous operation: any method, URL, headers and body, how long to wait for the
 * operation at most, and the key that makes the start safe to repeat.
 *
 * <p>Every start carries an {@code Idempotency-Key} header, and for POST, PUT and DELETE also an {@code Operation-Id}
 * header with the same value (the Azure REST API guidelines let a client name the status monitor of those
 * long-running operations). The key is the one set with {@link #setIdempotencyKey(String)}, or a new random UUID
 * for each start. When the start gets no definite answer (no response, a connection reset, 408, 429 or a 5xx other
 * than 501 and 505) it is sent again with the same key, so a server that honours the key starts the operation once.
 * Against a server that ignores both headers a repeated start may run twice: turn it off with
 * {@link #setRepeatAmbiguousStart(boolean)}.</p>
 *
 * <pre>{@code
 * BeginOperationOptions start = new BeginOperationOptions(HttpMethod.POST, functionAppUrl + "/api/orchestrators/Export")
 *     .setBody(BinaryData.fromString("{\"day\":\"2026-11-20\"}"))
 *     .setHeader("Content-Type", "application/json")
 *     .setTimeout(Duration.ofHours(2));
 * }</pre>
 */
@Fluent
public final class BeginOperationOptions {
    private final HttpMethod method;
    private final String url;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final Set<String> KEY_HEADERS = Set.of("idempotency-key", "operation-id");

    private final HttpHeaders headers = new HttpHeaders();
    private BinaryData body;
    private Duration timeout;
    private String idempotencyKey;
    private boolean repeatAmbiguousStart = true;

    /**
     * @param method the HTTP method
     * @param url the absolute http or https URL that starts the operation
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code url} is not an absolute http or https URL
     */
    public BeginOperationOptions(HttpMethod method, String url) {
        this.method = Objects.requireNonNull(method, "'method' cannot be null.");
        this.url = Urls.checkAbsolute(url, "url");
    }

    /**
     * @param body the request body; {@code null} for none. It is sent again when the start is repeated, so pass a
     *     replayable one ({@code BinaryData.fromString}, {@code fromBytes}, {@code fromObject})
     * @return these options
     */
    public BeginOperationOptions setBody(BinaryData body) {
        this.body = body;
        return this;
    }

    /**
     * Sets a request header, replacing any earlier value.
     *
     * @param name the header name
     * @param value the value
     * @return these options
     * @throws IllegalArgumentException if {@code name} is {@code Idempotency-Key} or {@code Operation-Id}: set those
     *     with {@link #setIdempotencyKey(String)}
     */
    public BeginOperationOptions setHeader(String name, String value) {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(value, "'value' cannot be null.");
        if (KEY_HEADERS.contains(name.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Set the '" + name.trim() + "' header with setIdempotencyKey: adfkit "
                + "sends it on every start and keeps it when it repeats the start.");
        }
        headers.set(HttpHeaderName.fromString(name), value);
        return this;
    }

    /**
     * @param timeout how long to wait for the operation at most, from the start request; {@code null} for the
     *     client's default
     * @return these options
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public BeginOperationOptions setTimeout(Duration timeout) {
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new IllegalArgumentException("'timeout' must be positive, was " + timeout + ".");
        }
        this.timeout = timeout;
        return this;
    }

    /**
     * Sets the key sent as {@code Idempotency-Key} (and {@code Operation-Id} for POST, PUT and DELETE) with the
     * start, and with every repeat of it. Use a key derived from what the operation is for (an order number, a
     * pipeline run id), so that a caller that restarts and starts again gets the same operation. Under
     * {@code runWithResubmit} the first run sends the key as it is and run {@code n} sends {@code key + "." + n}.
     *
     * @param idempotencyKey 1 to 128 characters from {@code A-Z a-z 0-9 - . _ ~} (valid in both headers and in a
     *     URL path segment); {@code null} for a new random UUID on each start
     * @return these options
     * @throws IllegalArgumentException if the key is empty, too long or has other characters
     */
    public BeginOperationOptions setIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("'idempotencyKey' must be 1 to 128 characters from A-Z a-z 0-9 - . _ ~ "
                + "(it is also sent as Operation-Id, which names a URL path segment), was " + idempotencyKey.length()
                + " characters.");
        }
        this.idempotencyKey = idempotencyKey;
        return this;
    }

    /**
     * @param repeatAmbiguousStart whether a start that got no definite answer (no response, a connection reset, 408,
     *     429, or a 5xx other than 501 and 505) is sent again with the same key, within the timeout. Default
     *     {@code true}; set {@code false} for a server that honours neither {@code Idempotency-Key} nor
     *     {@code Operation-Id}, where a repeated start could run the operation twice (429 is still repeated: the
     *     server did not process the request)
     * @return these options
     */
    public BeginOperationOptions setRepeatAmbiguousStart(boolean repeatAmbiguousStart) {
        this.repeatAmbiguousStart = repeatAmbiguousStart;
        return this;
    }

    /**
     * @return the key set with {@link #setIdempotencyKey(String)}, or {@code null} for a random one per start
     */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /**
     * @return whether a start without a definite answer is sent again with the same key
     */
    public boolean isRepeatAmbiguousStart() {
        return repeatAmbiguousStart;
    }

    /**
     * @return the HTTP method
     */
    public HttpMethod getMethod() {
        return method;
    }

    /**
     * @return the URL that starts the operation
     */
    public String getUrl() {
        return url;
    }

    /**
     * @return a copy of the request headers
     */
    public HttpHeaders getHeaders() {
        return new HttpHeaders(headers);
    }

    /**
     * @return the request body, or {@code null}
     */
    public BinaryData getBody() {
        return body;
    }

    /**
     * @return the timeout, or {@code null} for the client's default
     */
    public Duration getTimeout() {
        return timeout;
    }
}
