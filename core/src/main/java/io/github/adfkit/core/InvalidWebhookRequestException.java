package io.github.adfkit.core;

import java.util.Objects;

/**
 * A WebHook request (or a {@code callBackUri}) that adfkit refuses. A host answers it with HTTP 400 and
 * {@link #getMessage()}; {@link #getError()} says which rule was broken. The message never contains the
 * {@code callBackUri}'s secret query.
 */
public final class InvalidWebhookRequestException extends AdfkitException {
    private static final long serialVersionUID = 1L;

    /** Which rule the request broke. */
    private final WebhookRequestError error;

    /**
     * @param error which rule was broken
     * @param message what was wrong and how to fix it
     */
    public InvalidWebhookRequestException(WebhookRequestError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "'error' cannot be null.");
    }

    /**
     * @param error which rule was broken
     * @param message what was wrong and how to fix it
     * @param cause the parser's failure
     */
    public InvalidWebhookRequestException(WebhookRequestError error, String message, Throwable cause) {
        super(message, cause);
        this.error = Objects.requireNonNull(error, "'error' cannot be null.");
    }

    /**
     * @return which rule the request broke
     */
    public WebhookRequestError getError() {
        return error;
    }
}
