package io.github.adfkit.durable.implementation;

import io.github.adfkit.core.Redaction;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks and resolves the URLs of asynchronous operations. Messages show URLs only redacted.
 */
public final class Urls {
    private Urls() {
    }

    /**
     * Checks that a URL is absolute http or https.
     *
     * @param url the URL
     * @param parameter the parameter name, for the message
     * @return the URL
     * @throws NullPointerException if {@code url} is {@code null}
     * @throws IllegalArgumentException if it is not an absolute http or https URL
     */
    public static String checkAbsolute(String url, String parameter) {
        Objects.requireNonNull(url, "'" + parameter + "' cannot be null.");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() != null && (scheme.equals("http") || scheme.equals("https"))) {
                return url;
            }
        } catch (URISyntaxException notAUri) {
            // reported below
        }
        throw new IllegalArgumentException("'" + parameter + "' must be an absolute http or https URL, was '"
            + Redaction.url(url) + "'.");
    }

    /**
     * Resolves a URL a server sent (absolute, or relative to the URL it answered) into an absolute URL.
     *
     * @param base the URL that was requested
     * @param reference what the server sent
     * @return the absolute URL
     * @throws IllegalArgumentException if {@code reference} is not a URL
     */
    public static String resolve(String base, String reference) {
        try {
            return checkAbsolute(URI.create(base).resolve(new URI(reference.trim())).toString(), "statusUrl");
        } catch (URISyntaxException notAUri) {
            throw new IllegalArgumentException("The server sent a status URL that is not a URL: '"
                + Redaction.url(reference) + "'.", notAUri);
        }
    }
}
