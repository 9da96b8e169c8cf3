package io.github.adfkit.durable.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import io.github.adfkit.durable.models.BeginOperationOptions;

import java.util.Set;
import java.util.UUID;

/**
 * The start request of one run of an operation, with the key that stays the same each time the start is repeated:
 * {@code Idempotency-Key} always, and {@code Operation-Id} for the methods whose long-running patterns the Azure REST
 * API guidelines let the client name (PUT, POST and DELETE).
 */
public final class StartRequest {
    /** The header that makes a repeated request safe on a server that honours it. */
    public static final HttpHeaderName IDEMPOTENCY_KEY = HttpHeaderName.fromString("Idempotency-Key");
    /** The Azure REST API guidelines' name for the id the client gives a long-running operation's status monitor. */
    public static final HttpHeaderName OPERATION_ID = HttpHeaderName.fromString("Operation-Id");
    private static final Set<HttpMethod> NAMED_OPERATIONS = Set.of(HttpMethod.PUT, HttpMethod.POST, HttpMethod.DELETE);

    private final BeginOperationOptions options;
    private final String key;

    private StartRequest(BeginOperationOptions options, String key) {
        this.options = options;
        this.key = key;
    }

    /**
     * @param options the start request
     * @return the start of a single run: the caller's key, or a new random one
     */
    public static StartRequest of(BeginOperationOptions options) {
        return forRun(options, 1);
    }

    /**
     * @param options the start request
     * @param run the run number under a resubmit policy, from 1
     * @return the start of that run: the caller's key for run 1, {@code key + "." + run} after it, so a caller that
     *     starts the same runs again gets the same operations; a new random key for each run when the caller set none
     */
    public static StartRequest forRun(BeginOperationOptions options, int run) {
        String callerKey = options.getIdempotencyKey();
        if (callerKey == null) {
            return new StartRequest(options, UUID.randomUUID().toString());
        }
        return new StartRequest(options, run == 1 ? callerKey : callerKey + "." + run);
    }

    /**
     * @return the options this start comes from
     */
    public BeginOperationOptions options() {
        return options;
    }

    /**
     * @return the key sent with every attempt of this start
     */
    public String key() {
        return key;
    }

    /**
     * @return a new HTTP request for one attempt of the start: the caller's method, URL, headers and body, plus the key
     */
    public HttpRequest toHttpRequest() {
        HttpRequest request = new HttpRequest(options.getMethod(), options.getUrl()).setHeaders(options.getHeaders())
            .setHeader(IDEMPOTENCY_KEY, key);
        if (NAMED_OPERATIONS.contains(options.getMethod())) {
            request.setHeader(OPERATION_ID, key);
        }
        if (options.getBody() != null) {
            request.setBody(options.getBody());
        }
        return request;
    }
}
