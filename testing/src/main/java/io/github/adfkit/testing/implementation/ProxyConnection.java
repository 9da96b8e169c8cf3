package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.ProxiedRequest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One client connection to the fault proxy: reads requests one after the other and, for each, either forwards it
 * on a fresh upstream connection ({@code Connection: close}) and relays the answer byte for byte, or injects the
 * fault it was given. The connection stays open for another request only when both sides allow it.
 */
final class ProxyConnection {
    private static final ClientLogger LOGGER = new ClientLogger(ProxyConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration UPSTREAM_READ_TIMEOUT = Duration.ofSeconds(60);
    private static final Set<String> NOT_FORWARDED =
        Set.of("host", "connection", "keep-alive", "proxy-connection", "expect", "te", "upgrade");

    private final ProxyServer server;
    private final Socket client;
    private final Function<ProxiedRequest, Optional<FaultAction>> faults;

    ProxyConnection(ProxyServer server, Socket client, Function<ProxiedRequest, Optional<FaultAction>> faults) {
        this.server = server;
        this.client = client;
        this.faults = faults;
    }

    void run() {
        try {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = new BufferedOutputStream(client.getOutputStream());
            boolean open = true;
            while (open && !server.isClosed()) {
                RawHttpMessage request = RawHttpMessage.readRequest(in, out);
                open = request != null && serve(request, in, out);
            }
        } catch (IOException | InterruptedException e) {
            // The client went away, a fault ended the connection, or the proxy was closed.
            LOGGER.verbose("Fault proxy connection ended: {}", e.getMessage());
        } finally {
            ProxyServer.closeQuietly(client);
            server.untrack(client);
        }
    }

    /**
     * Serves one request.
     *
     * @return true if the connection can carry another request
     */
    private boolean serve(RawHttpMessage request, InputStream in, OutputStream out)
        throws IOException, InterruptedException {
        String[] requestLine = request.startLine().split(" ", 3);
        if (requestLine.length < 3) {
            writeStatus(out, FaultAction.status(400), false);
            return false;
        }
        String method = requestLine[0].toUpperCase(Locale.ROOT);
        boolean clientKeepsAlive = requestLine[2].equals("HTTP/1.1") && !request.headerHasToken("Connection", "close");
        FaultAction fault = faults.apply(new ProxiedRequest(method, requestLine[1])).orElse(null);
        if (fault == null) {
            RawHttpMessage answer = forwardOrAnswer502(request, method, requestLine[1], out);
            return answer != null && relay(answer, out) && clientKeepsAlive;
        }
        switch (fault.kind()) {
            case RESET_BEFORE:
                reset();
                return false;
            case STATUS:
                writeStatus(out, fault, clientKeepsAlive);
                return clientKeepsAlive;
            case STALL:
                while (in.read() >= 0) {
                    // Hold the request unanswered until the client gives up or the proxy closes.
                }
                return false;
            case RESET_AFTER:
                if (forwardOrAnswer502(request, method, requestLine[1], out) != null) {
                    reset();
                }
                return false;
            case SLOW:
                RawHttpMessage answer = forwardOrAnswer502(request, method, requestLine[1], out);
                return answer != null && server.awaitDelay(fault.delay()) && relay(answer, out) && clientKeepsAlive;
            default:
                throw new IllegalStateException("Unknown fault kind " + fault.kind());
        }
    }

    /**
     * Forwards a request; if the upstream cannot be reached or does not answer, answers 502 and returns null.
     */
    private RawHttpMessage forwardOrAnswer502(RawHttpMessage request, String method, String target, OutputStream out)
        throws IOException {
        try {
            return forward(request, method, target);
        } catch (IOException upstreamFailed) {
            if (server.isClosed()) {
                throw upstreamFailed;
            }
            LOGGER.verbose("Fault proxy upstream failed: {}", upstreamFailed.getMessage());
            writeStatus(out, FaultAction.status(502), false);
            return null;
        }
    }

    private RawHttpMessage forward(RawHttpMessage request, String method, String target) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        StringBuilder lines = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        lines.append("Host: ").append(server.upstreamAuthority()).append("\r\n");
        for (String line : request.headerLines()) {
            if (!NOT_FORWARDED.contains(RawHttpMessage.headerName(line))) {
                lines.append(line).append("\r\n");
            }
        }
        lines.append("Connection: close\r\n\r\n");
        head.write(lines.toString().getBytes(StandardCharsets.ISO_8859_1));
        head.write(request.body());
        Socket upstream = server.connectUpstream(CONNECT_TIMEOUT, UPSTREAM_READ_TIMEOUT);
        try (upstream) {
            OutputStream toUpstream = upstream.getOutputStream();
            toUpstream.write(head.toByteArray());
            toUpstream.flush();
            return RawHttpMessage.readResponse(new BufferedInputStream(upstream.getInputStream()), method);
        } finally {
            server.untrack(upstream);
        }
    }

    /**
     * Relays an upstream answer.
     *
     * @return true if the answer leaves the connection usable for another request
     */
    private static boolean relay(RawHttpMessage answer, OutputStream out) throws IOException {
        out.write(answer.head());
        out.write(answer.body());
        out.flush();
        return answer.isFramed() && !answer.headerHasToken("Connection", "close");
    }

    private void writeStatus(OutputStream out, FaultAction fault, boolean keepAlive) throws IOException {
        byte[] body = JsonErrorResponses.body(fault.status(), "Fault injected by the adfkit fault proxy.")
            .getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(fault.status()).append(' ')
            .append(JsonErrorResponses.codeFor(fault.status())).append("\r\n")
            .append("Content-Type: application/json; charset=utf-8\r\n")
            .append("Content-Length: ").append(body.length).append("\r\n");
        if (fault.retryAfter() != null) {
            head.append("Retry-After: ").append(JsonErrorResponses.retryAfterSeconds(fault.retryAfter()))
                .append("\r\n");
        }
        head.append(keepAlive ? "" : "Connection: close\r\n").append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    /** Closes the client connection with SO_LINGER 0, so the client gets a TCP RST instead of a FIN. */
    private void reset() throws IOException {
        client.setSoLinger(true, 0);
        client.close();
    }
}
