package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;

/**
 * The one way adfkit's fakes create a WireMock server: plain HTTP on a free loopback port, messages to
 * {@code ClientLogger}, no stub files read from disk.
 */
public final class LoopbackWireMock {
    private LoopbackWireMock() {
    }

    /**
     * Creates a server (not started).
     *
     * @param owner the fake that owns the server, used as the logger name
     * @param extensions WireMock extensions (request filters, transformers) to register
     * @return the server
     */
    public static WireMockServer create(Class<?> owner, Extension... extensions) {
        WireMockConfiguration options = WireMockConfiguration.options()
            .bindAddress(LoopbackPorts.LOOPBACK_HOST)
            .dynamicPort()
            .notifier(new ClientLoggerNotifier(owner))
            .mappingSource(new NoStubFiles())
            .extensions(extensions);
        return new WireMockServer(options);
    }

    /**
     * Starts a server unless it is running.
     *
     * @param server the server
     * @return {@code true} if this call started it
     */
    public static boolean startIfStopped(WireMockServer server) {
        if (server.isRunning()) {
            return false;
        }
        server.start();
        return true;
    }

    /**
     * Stops a server if it is running.
     *
     * @param server the server
     */
    public static void stopIfRunning(WireMockServer server) {
        if (server.isRunning()) {
            server.stop();
        }
    }

    /**
     * The base URL of a server that must be running, without a trailing slash.
     *
     * @param server the server
     * @param fakeName the fake's name, for the message
     * @param logger the fake's logger, which logs the exception
     * @return for example {@code http://127.0.0.1:51234}
     * @throws IllegalStateException if the server has not been started
     */
    public static String runningBaseUrl(WireMockServer server, String fakeName, ClientLogger logger) {
        if (!server.isRunning()) {
            throw logger.logExceptionAsError(new IllegalStateException(
                fakeName + " is not running; call start() first."));
        }
        return baseUrl(server);
    }

    /**
     * The base URL of a started server, without a trailing slash.
     *
     * @param server a started server
     * @return for example {@code http://127.0.0.1:51234}
     */
    public static String baseUrl(WireMockServer server) {
        return "http://" + LoopbackPorts.LOOPBACK_HOST + ":" + server.port();
    }
}
