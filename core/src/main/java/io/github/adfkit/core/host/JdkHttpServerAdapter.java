package io.github.adfkit.core.host;

import com.azure.core.util.logging.ClientLogger;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugs a {@link HostHandler} into the JDK's built-in HTTP server ({@code com.sun.net.httpserver}). The request URI
 * a handler sees names the server's own address, never the {@code Host} header. The JDK server reads request headers
 * and bodies without a deadline; to serve clients you do not control, use {@link HostServer} instead.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 0);
 * server.createContext("/api/", JdkHttpServerAdapter.adapt(asyncApi, 1024 * 1024));
 * server.start();
 * }</pre>
 */
public final class JdkHttpServerAdapter {
    private static final ClientLogger LOGGER = new ClientLogger(JdkHttpServerAdapter.class);

    private JdkHttpServerAdapter() {
    }

    /**
     * Wraps a handler. A body larger than {@code maxBodyBytes} is answered with 413 without calling the handler; an
     * exception from the handler is logged and answered with 500 and a body without a stack trace.
     *
     * @param handler the endpoint
     * @param maxBodyBytes the largest request body read
     * @return the JDK handler
     */
    public static HttpHandler adapt(HostHandler handler, int maxBodyBytes) {
        return exchange -> {
            try (exchange) {
                byte[] body = readAtMost(exchange.getRequestBody(), maxBodyBytes);
                HostResponse response = body == null
                    ? HostResponse.error(413, "The request body is larger than " + maxBodyBytes + " bytes.")
                    : HostResponses.safely(handler, toRequest(exchange, body));
                write(exchange, response);
            } catch (IOException clientGone) {
                LOGGER.verbose("The client closed the connection before the response was written.", clientGone);
            }
        };
    }

    private static HostRequest toRequest(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        InetSocketAddress remote = exchange.getRemoteAddress();
        URI received = exchange.getRequestURI();
        InetSocketAddress local = exchange.getLocalAddress();
        String host = (local.getAddress() instanceof Inet6Address ? "[" + local.getAddress().getHostAddress() + "]"
            : local.getAddress().getHostAddress()) + ":" + local.getPort();
        String scheme = exchange.getHttpContext().getServer() instanceof com.sun.net.httpserver.HttpsServer
            ? "https" : "http";
        URI absolute = URI.create(scheme + "://" + host + received.getRawPath()
            + (received.getRawQuery() == null ? "" : "?" + received.getRawQuery()));
        return HostRequest.of(exchange.getRequestMethod(), absolute, headers, body,
            remote == null ? null : remote.getAddress().getHostAddress());
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    private static void write(HttpExchange exchange, HostResponse response) throws IOException {
        response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().put(name, List.of(value)));
        byte[] body = response.getBody();
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod())
            || response.getStatus() == 204 || response.getStatus() == 304;
        exchange.sendResponseHeaders(response.getStatus(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
