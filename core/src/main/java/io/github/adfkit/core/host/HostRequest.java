package io.github.adfkit.core.host;

import com.azure.core.annotation.Immutable;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP request as a {@link HostHandler} sees it, whatever server received it.
 */
@Immutable
public final class HostRequest {
    private final String method;
    private final URI uri;
    private final Map<String, String> headers;
    private final Map<String, List<String>> query;
    private final byte[] body;
    private final String remoteAddress;

    private HostRequest(String method, URI uri, Map<String, String> headers, byte[] body, String remoteAddress) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.uri = uri;
        TreeMap<String, String> caseless = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseless.putAll(headers);
        this.headers = Collections.unmodifiableMap(caseless);
        this.query = parseQuery(uri.getRawQuery());
        this.body = body.clone();
        this.remoteAddress = remoteAddress;
    }

    /**
     * Creates a request.
     *
     * @param method the HTTP method
     * @param uri the request URI as received, absolute or not
     * @param headers the headers (one value each)
     * @param body the body; {@code null} for none
     * @param remoteAddress the address of the connection's peer (a client or a proxy); {@code null} if unknown
     * @return the request
     */
    public static HostRequest of(String method, URI uri, Map<String, String> headers, byte[] body,
        String remoteAddress) {
        Objects.requireNonNull(method, "'method' cannot be null.");
        Objects.requireNonNull(uri, "'uri' cannot be null.");
        return new HostRequest(method, uri, headers == null ? Map.of() : headers, body == null ? new byte[0] : body,
            remoteAddress == null ? "unknown" : remoteAddress);
    }

    /**
     * @return the HTTP method, upper case
     */
    public String getMethod() {
        return method;
    }

    /**
     * @return the request URI as received
     */
    public URI getUri() {
        return uri;
    }

    /**
     * @return the decoded path, such as {@code /api/status/abc}
     */
    public String getPath() {
        return uri.getPath() == null ? "/" : uri.getPath();
    }

    /**
     * @param name a query parameter name
     * @return its first decoded value, or {@code null} if absent
     */
    public String getQueryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * @return every decoded query parameter with all its values
     */
    public Map<String, List<String>> getQueryParameters() {
        return query;
    }

    /**
     * @param name a header name, in any case
     * @return its value, or {@code null} if absent
     */
    public String getHeader(String name) {
        return headers.get(name);
    }

    /**
     * @return every header, with case-insensitive names
     */
    public Map<String, String> getHeaders() {
        return headers;
    }

    /**
     * @return the body bytes (a copy)
     */
    public byte[] getBody() {
        return body.clone();
    }

    /**
     * @return the body as UTF-8 text
     */
    public String getBodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * @return the address of the connection's peer, or {@code "unknown"}; behind a proxy, the proxy's (see
     *     {@link TrustedProxies#clientAddress(HostRequest)})
     */
    public String getRemoteAddress() {
        return remoteAddress;
    }

    private static Map<String, List<String>> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            parsed.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        parsed.replaceAll((name, values) -> List.copyOf(values));
        return Collections.unmodifiableMap(parsed);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return raw;
        }
    }

    @Override
    public String toString() {
        return "HostRequest{" + method + ' ' + getPath() + '}';
    }
}
