package io.github.adfkit.durable.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.core.implementation.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A JDK HTTP server on a free loopback port serving one handler, and a plain HTTP client to call it.
 */
final class LoopbackHost implements AutoCloseable {
    static final int MAX_BODY = 256 * 1024;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    LoopbackHost(HostHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", JdkHttpServerAdapter.adapt(handler, MAX_BODY));
        server.setExecutor(threads);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI resolve(String link) {
        return URI.create(base() + "/").resolve(link);
    }

    Reply send(String method, String pathAndQuery, String body, Map<String, String> headers) {
        return send(method, URI.create(base() + pathAndQuery), body, headers);
    }

    static Reply send(String method, URI uri, String body, Map<String, String> headers) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod(method);
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null) {
                    received.put(name, values);
                }
            });
            connection.disconnect();
            return new Reply(status, received, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    /**
     * An HTTP response.
     *
     * @param statusCode the status
     * @param headers the headers, case-insensitive
     * @param body the body text
     */
    record Reply(int statusCode, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
        }

        JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
