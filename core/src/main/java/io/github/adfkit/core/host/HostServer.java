package io.github.adfkit.core.host;

import com.azure.core.util.logging.ClientLogger;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server for {@link HostHandler}s that holds up against hostile clients, built with
 * {@link HostServerBuilder}. One I/O thread reads every connection without blocking, so a client that stalls while
 * sending its headers or body holds no thread and delays no one; each phase has a deadline (408 and the connection
 * closed after it). Complete requests run on a bounded pool of worker threads; beyond the cap on requests in flight
 * a request is answered {@code 503} with {@code Retry-After}, and beyond the cap on connections a new connection is
 * answered {@code 503} and closed. A malformed request line, header or {@code Host} is answered {@code 400}; a body
 * over the route's limit {@code 413} before it is read; headers over the limit {@code 431}; a body sent with a
 * transfer coding instead of {@code Content-Length} {@code 411}.
 *
 * <p>Serve plain HTTP on loopback or behind a TLS-terminating proxy or load balancer.</p>
 *
 * <p>Like the JDK's {@code HttpServer}, a started server keeps the JVM running (its I/O thread is not a daemon)
 * until {@link #close()}: a service's {@code main} may return once the server has started.</p>
 */
public final class HostServer implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(HostServer.class);
    private static final long TICK_MILLIS = 100;
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final ByteBuffer BUSY = ResponseBytes.of(busy(), "GET", true);

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final HostServerLimits limits;
    private final List<HostRoute> routes;
    private final ThreadPoolExecutor workers;
    private final Set<HostConnection> connections = new HashSet<>();
    private final Queue<Runnable> ioTasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final InetSocketAddress address;
    private final Thread ioThread;
    private volatile boolean running = true;

    private HostServer(ServerSocketChannel listener, Selector selector, HostServerLimits limits,
        List<HostRoute> routes) throws IOException {
        this.listener = listener;
        this.selector = selector;
        this.limits = limits;
        this.routes = routes.stream()
            .sorted(Comparator.comparingInt((HostRoute route) -> route.pathPrefix().length()).reversed()).toList();
        this.address = (InetSocketAddress) listener.getLocalAddress();
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(limits.workerThreads(), limits.workerThreads(), 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(limits.maxRequestsInFlight()), task -> {
                Thread thread = new Thread(task, "adfkit-host-worker-" + threadNumber.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        this.ioThread = new Thread(this::serve, "adfkit-host-io-" + address.getPort());
    }

    static HostServer start(InetSocketAddress bindTo, HostServerLimits limits, List<HostRoute> routes) {
        ServerSocketChannel listener = null;
        try {
            listener = ServerSocketChannel.open();
            listener.bind(bindTo, 1024);
            listener.configureBlocking(false);
            Selector selector = Selector.open();
            listener.register(selector, SelectionKey.OP_ACCEPT);
            HostServer server = new HostServer(listener, selector, limits, new ArrayList<>(routes));
            server.ioThread.start();
            return server;
        } catch (IOException e) {
            closeQuietly(listener);
            throw LOGGER.logExceptionAsError(new UncheckedIOException("The server could not listen on " + bindTo
                + ".", e));
        }
    }

    /**
     * @return the address and port the server listens on
     */
    public InetSocketAddress getAddress() {
        return address;
    }

    /**
     * Stops accepting, closes every connection and stops the workers (running handlers are interrupted).
     */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            ioThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    HostServerLimits limits() {
        return limits;
    }

    HostRoute route(String path) {
        return routes.stream().filter(route -> route.serves(path)).findFirst().orElse(null);
    }

    void closed(HostConnection connection) {
        connections.remove(connection);
    }

    /**
     * Runs a handler on a worker, or answers 503 when the cap on requests in flight is reached. Called on the I/O
     * thread; the response is written back on it.
     */
    void dispatch(HostConnection connection, HostHandler handler, HostRequest request) {
        if (inFlight.incrementAndGet() > limits.maxRequestsInFlight()) {
            inFlight.decrementAndGet();
            connection.respond(busy(), System.nanoTime());
            return;
        }
        try {
            workers.execute(() -> {
                HostResponse response;
                try {
                    response = HostResponses.safely(handler, request);
                } finally {
                    inFlight.decrementAndGet();
                }
                ioTasks.add(() -> connection.respond(response, System.nanoTime()));
                selector.wakeup();
            });
        } catch (RejectedExecutionException full) {
            inFlight.decrementAndGet();
            connection.respond(busy(), System.nanoTime());
        }
    }

    private static HostResponse busy() {
        return HostResponse.error(503, "The host is busy; try again shortly.")
            .withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    private void serve() {
        try {
            while (running) {
                selector.select(TICK_MILLIS);
                long now = System.nanoTime();
                for (Runnable task = ioTasks.poll(); task != null; task = ioTasks.poll()) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key, now);
                }
                selector.selectedKeys().clear();
                for (HostConnection connection : List.copyOf(connections)) {
                    connection.checkDeadline(now);
                }
            }
        } catch (IOException | ClosedSelectorException broken) {
            LOGGER.atError().log("The host's I/O loop stopped.", broken);
        } catch (RuntimeException unexpected) {
            LOGGER.atError().log("The host's I/O loop failed.", unexpected);
        } finally {
            List.copyOf(connections).forEach(HostConnection::close);
            closeQuietly(listener);
            closeQuietly(selector);
        }
    }

    private void handle(SelectionKey key, long now) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        HostConnection connection = (HostConnection) key.attachment();
        if (key.isWritable()) {
            connection.onWritable(now);
        } else if (key.isReadable()) {
            connection.onReadable(now);
        }
    }

    private void accept() {
        SocketChannel channel;
        try {
            while ((channel = listener.accept()) != null) {
                if (connections.size() >= limits.maxConnections()) {
                    refuseBusy(channel);
                    continue;
                }
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
                HostConnection connection = new HostConnection(this, channel, key, System.nanoTime());
                key.attach(connection);
                connections.add(connection);
            }
        } catch (IOException failed) {
            LOGGER.verbose("A connection could not be accepted.", failed);
        }
    }

    private static void refuseBusy(SocketChannel channel) {
        try (channel) {
            channel.configureBlocking(false);
            channel.write(BUSY.duplicate());
        } catch (IOException ignored) {
            // The client left; nothing to answer.
        }
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
