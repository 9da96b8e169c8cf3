package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * Loopback port helpers.
 */
public final class LoopbackPorts {
    /** The loopback address every fake and emulator binds to. */
    public static final String LOOPBACK_HOST = "127.0.0.1";

    private static final ClientLogger LOGGER = new ClientLogger(LoopbackPorts.class);

    private LoopbackPorts() {
    }

    /**
     * Asks the operating system for a port that is free on the loopback interface right now. Another process may
     * take it before it is used, so callers retry when binding fails.
     *
     * @return a free port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK_HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw LOGGER.logExceptionAsError(new UncheckedIOException("No free loopback port", e));
        }
    }

    /**
     * Whether something accepts TCP connections on a loopback port.
     *
     * @param port the port
     * @param timeout the connect timeout
     * @return true if a connection was accepted
     */
    public static boolean accepts(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK_HOST, port), (int) timeout.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
