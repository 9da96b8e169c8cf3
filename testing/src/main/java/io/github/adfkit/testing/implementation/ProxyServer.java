package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.ProxiedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The socket side of {@code FaultProxy}: a loopback server socket, one daemon thread per client connection, and the
 * set of open sockets that {@link #close()} closes.
 */
public final class ProxyServer implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(ProxyServer.class);

    private final URI upstream;
    private final Function<ProxiedRequest, Optional<FaultAction>> faults;
    private final ServerSocket serverSocket;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);

    private ProxyServer(URI upstream, Function<ProxiedRequest, Optional<FaultAction>> faults,
        ServerSocket serverSocket) {
        this.upstream = upstream;
        this.faults = faults;
        this.serverSocket = serverSocket;
    }

    /**
     * Binds a free loopback port and starts accepting connections.
     *
     * @param upstream where requests are forwarded: an {@code http} URI with host and port
     * @param faults decides, per request, the fault to inject, or empty to forward it untouched
     * @return the running server
     */
    public static ProxyServer start(URI upstream, Function<ProxiedRequest, Optional<FaultAction>> faults) {
        ServerSocket socket;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getByName(LoopbackPorts.LOOPBACK_HOST));
        } catch (IOException e) {
            throw LOGGER.logExceptionAsError(new UncheckedIOException("The fault proxy cannot bind a port.", e));
        }
        ProxyServer server = new ProxyServer(upstream, faults, socket);
        daemon(server::acceptLoop, "adfkit-fault-proxy-" + socket.getLocalPort()).start();
        return server;
    }

    /**
     * The loopback port the proxy listens on.
     *
     * @return the port
     */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Waits for a delay, or less if the proxy is closed meanwhile.
     *
     * @param delay the delay
     * @return true if the whole delay passed, false if the proxy was closed
     * @throws InterruptedException if the thread is interrupted
     */
    boolean awaitDelay(Duration delay) throws InterruptedException {
        return !closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Opens a connection to the upstream, closed by {@link #close()} if still open then.
     *
     * @param connectTimeout the connect timeout
     * @param readTimeout the read timeout
     * @return the connected socket
     * @throws IOException if the upstream cannot be reached
     */
    Socket connectUpstream(Duration connectTimeout, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        track(socket);
        int port = upstream.getPort() < 0 ? 80 : upstream.getPort();
        try {
            socket.connect(new InetSocketAddress(upstream.getHost(), port), (int) connectTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            untrack(socket);
            throw e;
        }
    }

    /**
     * The upstream's authority, for the {@code Host} header.
     *
     * @return for example {@code 127.0.0.1:10002}
     */
    String upstreamAuthority() {
        return upstream.getRawAuthority();
    }

    /**
     * Forgets a socket that has been closed.
     *
     * @param socket the socket
     */
    void untrack(Socket socket) {
        openSockets.remove(socket);
    }

    /**
     * Stops accepting connections and closes every open socket; threads blocked on them end.
     */
    @Override
    public void close() {
        closed.countDown();
        closeQuietly(serverSocket);
        openSockets.forEach(ProxyServer::closeQuietly);
        openSockets.clear();
    }

    private void acceptLoop() {
        while (!isClosed()) {
            try {
                Socket client = serverSocket.accept();
                track(client);
                ProxyConnection connection = new ProxyConnection(this, client, faults);
                daemon(connection::run, "adfkit-fault-proxy-" + port() + "-client").start();
            } catch (SocketException closedSocket) {
                return;
            } catch (IOException e) {
                LOGGER.verbose("Fault proxy accept failed: {}", e.getMessage());
            }
        }
    }

    private void track(Socket socket) throws SocketException {
        openSockets.add(socket);
        if (isClosed()) {
            closeQuietly(socket);
            throw new SocketException("The fault proxy is closed.");
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing for cleanup; nothing else to do.
        }
    }
}
