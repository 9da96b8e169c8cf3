package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import com.github.tomakehurst.wiremock.common.Notifier;

/**
 * Sends WireMock's own messages to azure-core's {@link ClientLogger}: information at verbose level, errors at
 * warning level (a fake's errors are a test's business, not the library's).
 */
public final class ClientLoggerNotifier implements Notifier {
    private final ClientLogger logger;

    /**
     * Creates a notifier that logs under the given class.
     *
     * @param owner the class whose logger receives the messages
     */
    public ClientLoggerNotifier(Class<?> owner) {
        this.logger = new ClientLogger(owner);
    }

    @Override
    public void info(String message) {
        logger.verbose(message);
    }

    @Override
    public void error(String message) {
        logger.warning(message);
    }

    @Override
    public void error(String message, Throwable t) {
        logger.logThrowableAsWarning(new IllegalStateException(message, t));
    }
}
