package io.github.adfkit.core.host;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * One client connection of a {@link HostServer}. Runs only on the server's I/O thread and never blocks: it reads
 * what has arrived, and each phase (headers, body, response) has a deadline after which the connection is closed.
 */
final class HostConnection {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private enum Phase { HEAD, BODY, HANDLING, WRITING, CLOSED }

    private final HostServer server;
    private final SocketChannel channel;
    private final SelectionKey key;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private Phase phase = Phase.HEAD;
    private long deadlineNanos;
    private RequestHead request;
    private HostRoute route;
    private byte[] body;
    private int bodyRead;
    private byte[] leftover = new byte[0];
    private ByteBuffer pendingWrite;
    private boolean closeAfterWrite;

    HostConnection(HostServer server, SocketChannel channel, SelectionKey key, long nowNanos) {
        this.server = server;
        this.channel = channel;
        this.key = key;
        this.deadlineNanos = nowNanos + server.limits().headerTimeout().toNanos();
    }

    void onReadable(long nowNanos) {
        readBuffer.clear();
        int read;
        try {
            read = channel.read(readBuffer);
        } catch (IOException gone) {
            close();
            return;
        }
        if (read < 0) {
            close();
            return;
        }
        readBuffer.flip();
        byte[] chunk = new byte[readBuffer.remaining()];
        readBuffer.get(chunk);
        consume(chunk, nowNanos);
    }

    void onWritable(long nowNanos) {
        try {
            channel.write(pendingWrite);
        } catch (IOException gone) {
            close();
            return;
        }
        if (pendingWrite.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return;
        }
        pendingWrite = null;
        if (phase != Phase.WRITING) {
            key.interestOps(SelectionKey.OP_READ);
            return;
        }
        if (closeAfterWrite) {
            close();
            return;
        }
        phase = Phase.HEAD;
        closeAfterWrite = false;
        head.reset();
        request = null;
        route = null;
        body = null;
        deadlineNanos = nowNanos + server.limits().headerTimeout().toNanos();
        key.interestOps(SelectionKey.OP_READ);
        byte[] next = leftover;
        leftover = new byte[0];
        if (next.length > 0) {
            consume(next, nowNanos);
        }
    }

    /**
     * Closes the connection if its current phase has run out of time: a client that sent part of a request gets 408.
     */
    void checkDeadline(long nowNanos) {
        if (phase == Phase.HANDLING || phase == Phase.CLOSED || nowNanos - deadlineNanos < 0) {
            return;
        }
        boolean midRequest = phase == Phase.BODY || phase == Phase.HEAD && head.size() > 0;
        if (midRequest && pendingWrite == null) {
            writeAndClose(HostResponse.error(408, "The request was not sent in time."));
        }
        close();
    }

    void respond(HostResponse response, long nowNanos) {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.WRITING;
        closeAfterWrite = closeAfterWrite || !request.keepAlive();
        deadlineNanos = nowNanos + server.limits().bodyTimeout().toNanos();
        startWrite(ResponseBytes.of(response, request.method, closeAfterWrite));
    }

    void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // Already closed by the peer.
        }
        server.closed(this);
    }

    private void consume(byte[] chunk, long nowNanos) {
        if (phase == Phase.HEAD) {
            readHead(chunk, nowNanos);
        } else if (phase == Phase.BODY) {
            readBody(chunk, 0);
        } else {
            leftover = concat(leftover, chunk);
            key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
        }
    }

    private void readHead(byte[] chunk, long nowNanos) {
        int before = head.size();
        head.write(chunk, 0, chunk.length);
        byte[] all = head.toByteArray();
        int end = indexOf(all, Math.max(0, before - 3));
        if (end < 0) {
            if (all.length > server.limits().maxHeaderBytes()) {
                refuse(431, "The request headers are larger than " + server.limits().maxHeaderBytes() + " bytes.");
            }
            return;
        }
        if (end > server.limits().maxHeaderBytes()) {
            refuse(431, "The request headers are larger than " + server.limits().maxHeaderBytes() + " bytes.");
            return;
        }
        try {
            startBody(RequestHead.parse(Arrays.copyOf(all, end)), nowNanos);
        } catch (RequestHead.BadRequest bad) {
            refuse(bad.status, bad.getMessage());
            return;
        }
        readBody(all, end + HEAD_END.length);
    }

    private void startBody(RequestHead parsed, long nowNanos) {
        request = parsed;
        long length = parsed.contentLength();
        route = server.route(pathOf(parsed.target));
        if (route != null && length > route.maxBodyBytes()) {
            throw new RequestHead.BadRequest(413, "The request body is larger than " + route.maxBodyBytes()
                + " bytes.");
        }
        body = new byte[(int) length];
        bodyRead = 0;
        phase = Phase.BODY;
        deadlineNanos = nowNanos + server.limits().bodyTimeout().toNanos();
        if (length > 0 && parsed.expectsContinue()) {
            startWrite(ByteBuffer.wrap(CONTINUE));
        }
    }

    private void readBody(byte[] bytes, int from) {
        int take = Math.min(bytes.length - from, body.length - bodyRead);
        System.arraycopy(bytes, from, body, bodyRead, take);
        bodyRead += take;
        if (from + take < bytes.length) {
            leftover = Arrays.copyOfRange(bytes, from + take, bytes.length);
        }
        if (bodyRead == body.length) {
            dispatch();
        }
    }

    private void dispatch() {
        phase = Phase.HANDLING;
        key.interestOps(0);
        if (route == null) {
            closeAfterWrite = !request.keepAlive();
            respond(HostResponse.error(404, "No such endpoint."), System.nanoTime());
            return;
        }
        HostRequest hostRequest;
        try {
            hostRequest = toHostRequest();
        } catch (URISyntaxException malformed) {
            refuse(400, "The request target is not a valid URI.");
            return;
        }
        server.dispatch(this, route.handler(), hostRequest);
    }

    private HostRequest toHostRequest() throws URISyntaxException {
        URI target = new URI(originForm(request.target));
        String peer = null;
        String local = "localhost";
        try {
            peer = hostLiteral((InetSocketAddress) channel.getRemoteAddress());
            InetSocketAddress localAddress = (InetSocketAddress) channel.getLocalAddress();
            local = hostLiteral(localAddress) + ":" + localAddress.getPort();
        } catch (IOException | NullPointerException gone) {
            // The client left; the handler still answers into a closed connection.
        }
        URI full = new URI("http://" + local + target.getRawPath()
            + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
        return HostRequest.of(request.method, full, Map.copyOf(request.headers), body,
            peer == null ? null : peer.replace("[", "").replace("]", ""));
    }

    private static String hostLiteral(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    }

    private void refuse(int status, String message) {
        phase = Phase.HANDLING;
        key.interestOps(0);
        if (request == null) {
            writeAndClose(HostResponse.error(status, message));
            return;
        }
        closeAfterWrite = true;
        respond(HostResponse.error(status, message), System.nanoTime());
    }

    private void writeAndClose(HostResponse response) {
        phase = Phase.WRITING;
        closeAfterWrite = true;
        startWrite(ResponseBytes.of(response, "GET", true));
    }

    private void startWrite(ByteBuffer bytes) {
        pendingWrite = bytes;
        onWritable(System.nanoTime());
    }

    private static String pathOf(String target) {
        String origin = originForm(target);
        int query = origin.indexOf('?');
        return query < 0 ? origin : origin.substring(0, query);
    }

    private static String originForm(String target) {
        if (target.startsWith("/")) {
            return target;
        }
        int scheme = target.indexOf("://");
        int path = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
        return path < 0 ? "/" : target.substring(path);
    }

    private static int indexOf(byte[] bytes, int from) {
        outer:
        for (int i = from; i <= bytes.length - HEAD_END.length; i++) {
            for (int j = 0; j < HEAD_END.length; j++) {
                if (bytes[i + j] != HEAD_END[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
