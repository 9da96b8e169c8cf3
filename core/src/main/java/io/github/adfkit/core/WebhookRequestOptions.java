package io.github.adfkit.core;

import com.azure.core.annotation.Fluent;

import java.util.Objects;

/**
 * How {@link WebhookRequest#parse(byte[], WebhookRequestOptions)} checks a WebHook request: the largest body it
 * accepts and which {@code callBackUri} hosts are allowed.
 */
@Fluent
public final class WebhookRequestOptions {
    /** The default body limit: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private CallbackUriPolicy callbackUriPolicy = CallbackUriPolicy.dataFactoryDefaults();

    /**
     * Creates options with the defaults: a 1 MiB body limit and {@link CallbackUriPolicy#dataFactoryDefaults()}.
     */
    public WebhookRequestOptions() {
    }

    /**
     * @return the largest body accepted, in bytes
     */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * @param maxBodyBytes the largest body accepted, in bytes; positive. Default 1 MiB.
     * @return these options
     */
    public WebhookRequestOptions setMaxBodyBytes(int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("'maxBodyBytes' must be positive, was " + maxBodyBytes + ".");
        }
        this.maxBodyBytes = maxBodyBytes;
        return this;
    }

    /**
     * @return which {@code callBackUri}s are accepted
     */
    public CallbackUriPolicy getCallbackUriPolicy() {
        return callbackUriPolicy;
    }

    /**
     * @param callbackUriPolicy which {@code callBackUri}s are accepted. Default
     *     {@link CallbackUriPolicy#dataFactoryDefaults()}.
     * @return these options
     */
    public WebhookRequestOptions setCallbackUriPolicy(CallbackUriPolicy callbackUriPolicy) {
        this.callbackUriPolicy = Objects.requireNonNull(callbackUriPolicy, "'callbackUriPolicy' cannot be null.");
        return this;
    }
}
