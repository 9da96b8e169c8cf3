package io.github.adfkit.core.host;

import com.azure.core.util.logging.ClientLogger;

import java.util.UUID;

/**
 * What every adapter does around a handler: an exception that escapes becomes a 500 whose body names an incident id
 * that is also in the log, and nothing else.
 */
final class HostResponses {
    private static final ClientLogger LOGGER = new ClientLogger(HostResponses.class);

    private HostResponses() {
    }

    static HostResponse safely(HostHandler handler, HostRequest request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException unexpected) {
            String incident = UUID.randomUUID().toString();
            LOGGER.atError().addKeyValue("incident", incident).addKeyValue("method", request.getMethod())
                .addKeyValue("path", request.getPath()).log("The handler failed.", unexpected);
            return HostResponse.error(500, "Internal error; the host log has the details under incident " + incident
                + ".");
        }
    }
}
