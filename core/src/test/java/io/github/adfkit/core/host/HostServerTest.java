package io.github.adfkit.core.host;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HostServerTest {
    private final List<Socket> sockets = new ArrayList<>();
    private HostServer server;

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clientsStalledMidHeaderAndMidBodyDelayNoOtherClient() throws Exception {
        server = new HostServerBuilder().workerThreads(1)
            .route("/echo", request -> HostResponse.json(200, Map.of("got", request.getBodyAsString())), 1024)
            .start();
        Socket midHeader = connect();
        send(midHeader, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Le");
        Socket midBody = connect();
        send(midBody, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n0123456789");

        Socket third = connect();
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            send(third, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2\r\n\r\nhi");
            String answer = readResponse(third);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(answer).startsWith("HTTP/1.1 200 OK").endsWith("{\"got\":\"hi\"}");
        }
    }

    @Test
    void aClientThatStallsPastTheDeadlineGets408AndIsDisconnected() throws Exception {
        server = new HostServerBuilder().headerTimeout(Duration.ofMillis(300)).bodyTimeout(Duration.ofMillis(300))
            .route("/echo", request -> HostResponse.empty(204), 1024).start();
        Socket midBody = connect();
        send(midBody, "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n0123456789");
        Socket midHeader = connect();
        send(midHeader, "GET /echo HTTP/1.1\r\nHo");

        assertThat(readToEnd(midBody)).startsWith("HTTP/1.1 408 ");
        assertThat(readToEnd(midHeader)).startsWith("HTTP/1.1 408 ");
    }

    @Test
    void requestsBeyondTheCapInFlightAreAnswered503WithRetryAfter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        server = new HostServerBuilder().workerThreads(1).maxRequestsInFlight(1)
            .route("/slow", request -> {
                entered.countDown();
                await(release);
                return HostResponse.empty(204);
            }, 0).start();
        Socket first = connect();
        send(first, "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        Socket second = connect();
        send(second, "GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n");
        String busy = readResponse(second);
        release.countDown();

        assertThat(busy).startsWith("HTTP/1.1 503 ").contains("Retry-After: 1");
        assertThat(readResponse(first)).startsWith("HTTP/1.1 204 ");
    }

    @Test
    void malformedRequestsAreAnsweredWithAClear4xx() throws Exception {
        server = new HostServerBuilder().route("/echo", request -> HostResponse.empty(204), 16).start();

        assertThat(exchange("GET /echo HTTP/1.1\r\nHost: a b\r\n\r\n")).startsWith("HTTP/1.1 400 ")
            .contains("Host header");
        assertThat(exchange("GET /echo HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET /echo HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n"))
            .startsWith("HTTP/1.1 413 ");
        assertThat(exchange("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"))
            .startsWith("HTTP/1.1 411 ");
        assertThat(exchange("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 404 ");
        assertThat(exchange("GET /echo HTTP/2.0\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 505 ");
    }

    @Test
    void theHandlerSeesTheSocketPeerAndTheLocalAddressNotTheHostHeader() throws Exception {
        List<HostRequest> seen = new ArrayList<>();
        server = new HostServerBuilder().route("/api/", request -> {
            seen.add(request);
            return HostResponse.empty(204);
        }, 0).start();

        assertThat(exchange("GET /api/status/1?x=%2F HTTP/1.1\r\nHost: evil.example\r\n\r\n"))
            .startsWith("HTTP/1.1 204 ");
        assertThat(seen.get(0).getUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(seen.get(0).getPath()).isEqualTo("/api/status/1");
        assertThat(seen.get(0).getQueryParameter("x")).isEqualTo("/");
        assertThat(seen.get(0).getRemoteAddress()).isEqualTo("127.0.0.1");
    }

    private String exchange(String request) throws IOException {
        Socket socket = connect();
        send(socket, request);
        return readResponse(socket);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(server.getAddress().getAddress(), server.getAddress().getPort());
        socket.setSoTimeout(5_000);
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readToEnd(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Reads one response with a Content-Length (or none) from a kept-alive connection. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString();
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
