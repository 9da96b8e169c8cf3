package io.github.adfkit.durable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.Extension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The WireMock server that plays a Durable Functions host for a test class: started once for the class, emptied of
 * stubs and requests before each test (before the class's own {@code @BeforeEach}), stopped after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DurableHostServer HOST = new DurableHostServer();
 * private static final WireMockServer SERVER = HOST.server();
 * }</pre>
 */
final class DurableHostServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final WireMockServer server;

    DurableHostServer(Extension... extensions) {
        server = new WireMockServer(options().dynamicPort().extensions(extensions));
    }

    WireMockServer server() {
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }
}
