package io.github.adfkit.core.host;

/**
 * An HTTP endpoint, independent of the server it runs in. Handlers answer a caller's mistake with a 4xx
 * {@link HostResponse} (never an exception); an exception that escapes is answered with a 500 whose body carries no
 * stack trace.
 */
@FunctionalInterface
public interface HostHandler {
    /**
     * Answers one request.
     *
     * @param request the request
     * @return the response
     */
    HostResponse handle(HostRequest request);
}
