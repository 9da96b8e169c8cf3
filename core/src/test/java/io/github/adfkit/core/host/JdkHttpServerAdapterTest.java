package io.github.adfkit.core.host;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class JdkHttpServerAdapterTest {
    private final AtomicReference<HostRequest> seen = new AtomicReference<>();
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", JdkHttpServerAdapter.adapt(request -> {
            seen.set(request);
            return HostResponse.json(201, Map.of("s", String.valueOf(request.getQueryParameter("s"))))
                .withHeader("Retry-After", "5");
        }, 64));
        server.createContext("/boom", JdkHttpServerAdapter.adapt(request -> {
            throw new IllegalStateException("secret internal detail");
        }, 64));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void passesMethodPathQueryHeadersAndBodyAndWritesTheResponse() throws Exception {
        HttpURLConnection connection = open("/echo?s=10%2F10%2F2021", "POST");
        connection.setRequestProperty("X-Forwarded-Proto", "https");
        connection.setRequestProperty("X-Forwarded-Host", "jobs.contoso.example");
        write(connection, "{\"a\":1}");

        assertThat(connection.getResponseCode()).isEqualTo(201);
        assertThat(connection.getHeaderField("Retry-After")).isEqualTo("5");
        assertThat(read(connection)).isEqualTo("{\"s\":\"10/10/2021\"}");
        HostRequest request = seen.get();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/echo");
        assertThat(request.getBodyAsString()).isEqualTo("{\"a\":1}");
        assertThat(request.getHeader("x-forwarded-host")).isEqualTo("jobs.contoso.example");
        assertThat(request.getUri().toString()).isEqualTo(base + "/echo?s=10%2F10%2F2021");
    }

    @Test
    void refusesABodyOverTheLimitWithoutCallingTheHandler() throws Exception {
        HttpURLConnection connection = open("/echo", "POST");
        write(connection, "x".repeat(65));

        assertThat(connection.getResponseCode()).isEqualTo(413);
        assertThat(read(connection)).contains("\"error\"").contains("64 bytes");
        assertThat(seen.get()).isNull();
    }

    @Test
    void answersAnUnexpectedFailureWithoutAStackTrace() throws Exception {
        HttpURLConnection connection = open("/boom", "GET");

        assertThat(connection.getResponseCode()).isEqualTo(500);
        assertThat(read(connection)).startsWith("{\"error\":\"Internal error").doesNotContain("secret internal detail")
            .doesNotContain("at io.github");
    }

    private HttpURLConnection open(String pathAndQuery, String method) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(base + pathAndQuery).toURL().openConnection();
        connection.setRequestMethod(method);
        return connection;
    }

    private static void write(HttpURLConnection connection, String body) throws IOException {
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream();
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
