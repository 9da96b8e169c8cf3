package io.github.adfkit.durable.models;

import com.azure.core.annotation.Fluent;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import io.github.adfkit.durable.implementation.Urls;

import java.time.Duration;
import java.util.Objects;

/**
 * The request that starts an asynchronous operation: any method, URL, headers and body, and how long to wait for the
 * operation at most.
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
    private final HttpHeaders headers = new HttpHeaders();
    private BinaryData body;
    private Duration timeout;

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
     * @param body the request body; {@code null} for none
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
     */
    public BeginOperationOptions setHeader(String name, String value) {
        Objects.requireNonNull(name, "'name' cannot be null.");
        Objects.requireNonNull(value, "'value' cannot be null.");
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
