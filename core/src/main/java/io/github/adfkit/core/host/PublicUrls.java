package io.github.adfkit.core.host;

import com.azure.core.annotation.Immutable;
import io.github.adfkit.core.implementation.Endpoints;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a host writes links back to itself ({@code Location}, {@code Operation-Location}, status and restart links):
 * from a configured public base URL, from the address the server received the request on, or relative. The
 * {@code Host} header is never used, since any client chooses it; {@code X-Forwarded-Host} and
 * {@code X-Forwarded-Proto} only when the request comes from a proxy named in {@link TrustedProxies}.
 *
 * <pre>{@code
 * PublicUrls.baseUrl("https://jobs.contoso.com")      // https://jobs.contoso.com/api/status/abc
 * PublicUrls.serverAddress()                           // http://10.1.2.3:8080/api/status/abc
 * PublicUrls.relative()                                // /api/status/abc
 * PublicUrls.forwardedBy(TrustedProxies.of("10.0.0.0/24"))  // from the gateway's headers, else relative
 * }</pre>
 */
@Immutable
public final class PublicUrls {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private final String baseUrl;
    private final TrustedProxies proxies;
    private final boolean serverAddress;

    private PublicUrls(String baseUrl, TrustedProxies proxies, boolean serverAddress) {
        this.baseUrl = baseUrl;
        this.proxies = proxies;
        this.serverAddress = serverAddress;
    }

    /**
     * Absolute links on the address the server received the request on, as the host adapter knows it: for
     * {@link HostServer} and {@link JdkHttpServerAdapter} the socket's local address (never the {@code Host}
     * header), on Azure Functions the request URL the platform routed. Every client, azure-core's pollers and ADF's
     * Web activity included, can follow such a link with nothing to configure; behind a gateway or with a public
     * DNS name, configure {@link #baseUrl(String)} instead.
     *
     * @return links on the server's own address
     */
    public static PublicUrls serverAddress() {
        return new PublicUrls(null, TrustedProxies.none(), true);
    }

    /**
     * @return links relative to the host's root, such as {@code /api/status/abc}
     */
    public static PublicUrls relative() {
        return new PublicUrls(null, TrustedProxies.none(), false);
    }

    /**
     * @param baseUrl the URL callers reach the host by, such as {@code https://jobs.contoso.com} or
     *     {@code https://contoso.com/jobs}: http or https, with no query or fragment
     * @return links under that URL
     * @throws IllegalArgumentException if the URL is not an absolute http or https URL
     */
    public static PublicUrls baseUrl(String baseUrl) {
        Objects.requireNonNull(baseUrl, "'baseUrl' cannot be null.");
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("'baseUrl' is not a valid URL.", malformed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getRawAuthority() == null
            || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'baseUrl' must be an absolute http or https URL without user-info, "
                + "query or fragment.");
        }
        return new PublicUrls(Endpoints.withoutTrailingSlash(uri.toString(), "baseUrl"), TrustedProxies.none(), false);
    }

    /**
     * @param proxies the proxies whose {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} are believed
     * @return links built from a trusted proxy's forwarded headers, and relative for any other request
     */
    public static PublicUrls forwardedBy(TrustedProxies proxies) {
        return new PublicUrls(null, Objects.requireNonNull(proxies, "'proxies' cannot be null."), false);
    }

    /**
     * @param request the request being answered
     * @param path the host-relative path, starting with {@code /}, query included
     * @return the link: absolute when a base URL is configured, a trusted proxy named the public host, or links are
     *     on the server's address; otherwise the path itself
     */
    public String resolve(HostRequest request, String path) {
        if (baseUrl != null) {
            return baseUrl + path;
        }
        if (proxies.isFromTrustedProxy(request)) {
            String host = lastEntry(request.getHeader("X-Forwarded-Host"));
            String proto = lastEntry(request.getHeader("X-Forwarded-Proto"));
            proto = proto == null ? "https" : proto.toLowerCase(Locale.ROOT);
            if (host != null && HOST.matcher(host).matches() && (proto.equals("https") || proto.equals("http"))) {
                return proto + "://" + host + path;
            }
        }
        URI received = request.getUri();
        if (serverAddress && received != null && received.getScheme() != null && received.getRawAuthority() != null) {
            return received.getScheme() + "://" + received.getRawAuthority() + path;
        }
        return path;
    }

    private static String lastEntry(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String[] entries = header.split(",");
        return entries[entries.length - 1].trim();
    }

    @Override
    public String toString() {
        if (baseUrl != null) {
            return "PublicUrls{" + baseUrl + '}';
        }
        return serverAddress ? "PublicUrls{server address}" : "PublicUrls{relative, proxies=" + proxies + '}';
    }
}
