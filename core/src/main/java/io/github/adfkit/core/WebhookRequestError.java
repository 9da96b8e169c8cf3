package io.github.adfkit.core;

/**
 * Why a WebHook request or a {@code callBackUri} was refused. Each value names one mistake, so a host can answer
 * with a precise 400 and a test can assert on the exact reason.
 */
public enum WebhookRequestError {
    /** The request had no body at all. */
    EMPTY_BODY,
    /** The body is larger than the configured limit. */
    BODY_TOO_LARGE,
    /** The body is not valid JSON (or not valid UTF-8). */
    NOT_JSON,
    /** The body is JSON but a string: the WebHook activity's body was configured as a string, not a JSON object. */
    STRING_BODY,
    /** The body is JSON but an array, number, boolean or null rather than an object. */
    NOT_AN_OBJECT,
    /** The body repeats a property name (for example two {@code callBackUri} values). */
    DUPLICATE_PROPERTY,
    /** The body nests deeper than adfkit accepts. */
    TOO_DEEP,
    /** The body has no {@code callBackUri} property. */
    MISSING_CALLBACK_URI,
    /** {@code callBackUri} is present but not a JSON string. */
    CALLBACK_URI_NOT_A_STRING,
    /** {@code callBackUri} is an empty or blank string. */
    BLANK_CALLBACK_URI,
    /** {@code callBackUri} is not a syntactically valid URI. */
    MALFORMED_CALLBACK_URI,
    /** {@code callBackUri} is a relative URI. */
    CALLBACK_URI_NOT_ABSOLUTE,
    /** {@code callBackUri} does not use https. */
    CALLBACK_URI_NOT_HTTPS,
    /** {@code callBackUri} carries user-info ({@code user:password@}) or a fragment. */
    CALLBACK_URI_HAS_CREDENTIALS_OR_FRAGMENT,
    /** {@code callBackUri} is longer than adfkit accepts. */
    CALLBACK_URI_TOO_LONG,
    /** The host of {@code callBackUri} is not on the allow-list (the SSRF guard). */
    CALLBACK_HOST_NOT_ALLOWED,
    /** {@code callBackUri} names a port other than 443 (or one the policy allows). */
    CALLBACK_PORT_NOT_ALLOWED,
    /** The body could not be mapped to the caller's type (unknown or mistyped property). */
    BODY_NOT_MAPPABLE
}
