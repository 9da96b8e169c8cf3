package io.github.adfkit.testing.implementation;

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
     * The base URL of a started server, without a trailing slash.
     *
     * @param server a started server
     * @return for example {@code http://127.0.0.1:51234}
     */
    public static String baseUrl(WireMockServer server) {
        return "http://" + LoopbackPorts.LOOPBACK_HOST + ":" + server.port();
    }
}
