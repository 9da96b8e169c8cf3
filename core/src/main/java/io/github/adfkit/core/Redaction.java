package io.github.adfkit.core;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns URLs, headers and free text into strings that are safe to log. Query values carry the
 * secrets in every flow adfkit handles (ADF {@code callBackUri} tokens, Functions {@code code=} keys, SAS
 * {@code sig=}, pause tokens), so every query value is replaced by {@value #REDACTED} except a few known-harmless
 * parameters such as {@code api-version}.
 *
 * <pre>{@code
 * Redaction.url("https://host/api/status/1?code=abc&api-version=1") // https://host/api/status/1?code=REDACTED&api-version=1
 * }</pre>
 */
public final class Redaction {
    /** What replaces a secret. */
    public static final String REDACTED = "REDACTED";

    private static final Set<String> SAFE_QUERY_PARAMETERS = Set.of("api-version", "tail", "timestamps",
        "isrecursive", "shouldreporttomonitoring", "activitytype");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
        "set-cookie", "x-functions-key", "x-ms-client-secret", "ocp-apim-subscription-key", "x-api-key");
    private static final Pattern URL_IN_TEXT = Pattern.compile("(?i)\\b(https?|ftp)://[^\\s\"'<>]+");
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
        "(?i)\\b(code|sig|token|key|secret|password|accountkey|sharedaccesssignature|callbackurl)=([^&\\s;\"'<>]+)");

    private Redaction() {
    }

    /**
     * A URL with every query value redacted except known-harmless ones, and any user-info removed. A string that is
     * not a URL is redacted whole.
     *
     * @param url the URL; may be {@code null}
     * @return the loggable form
     */
    public static String url(String url) {
        if (url == null) {
            return "null";
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException notAUri) {
            return REDACTED;
        }
        if (uri.getRawAuthority() == null) {
            return uri.isAbsolute() ? REDACTED : pathAndQuery(uri.getRawPath(), uri.getRawQuery());
        }
        String host = uri.getHost() == null ? REDACTED : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        return uri.getScheme() + "://" + host + port + pathAndQuery(uri.getRawPath(), uri.getRawQuery());
    }

    /**
     * A header value that is safe to log: credentials and keys are redacted, URLs are redacted with
     * {@link #url(String)}, everything else is kept.
     *
     * @param name the header name
     * @param value the header value
     * @return the loggable value
     */
    public static String header(String name, String value) {
        if (value == null) {
            return "null";
        }
        if (name != null && SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return REDACTED;
        }
        return text(value);
    }

    /**
     * Free text (an exception message, a response body excerpt) with every URL redacted and every
     * {@code code=}, {@code sig=}, {@code token=}, {@code key=} or {@code password=} value replaced.
     *
     * @param text the text; may be {@code null}
     * @return the loggable text
     */
    public static String text(String text) {
        if (text == null) {
            return "null";
        }
        Matcher urls = URL_IN_TEXT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (urls.find()) {
            urls.appendReplacement(out, Matcher.quoteReplacement(url(urls.group())));
        }
        urls.appendTail(out);
        return SECRET_ASSIGNMENT.matcher(out).replaceAll("$1=" + REDACTED);
    }

    private static String pathAndQuery(String path, String query) {
        String safePath = path == null ? "" : path;
        if (query == null) {
            return safePath;
        }
        StringBuilder out = new StringBuilder(safePath).append('?');
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            int eq = pairs[i].indexOf('=');
            String name = eq < 0 ? pairs[i] : pairs[i].substring(0, eq);
            boolean safe = SAFE_QUERY_PARAMETERS.contains(name.toLowerCase(Locale.ROOT));
            out.append(name);
            if (eq >= 0) {
                out.append('=').append(safe ? pairs[i].substring(eq + 1) : REDACTED);
            }
        }
        return out.toString();
    }
}
