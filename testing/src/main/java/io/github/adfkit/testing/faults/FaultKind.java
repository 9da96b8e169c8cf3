package io.github.adfkit.testing.faults;

/**
 * What an injected fault does to one request.
 *
 * <p>{@link FaultProxy} can inject every kind. The WireMock fakes inject {@link #STATUS}, {@link #RESET_BEFORE} and
 * {@link #SLOW}; put a {@link FaultProxy} in front of a fake for the other kinds.</p>
 */
public enum FaultKind {
    /**
     * The client's connection is reset (TCP RST) after its request was read and before anything was forwarded:
     * the upstream never sees the request.
     */
    RESET_BEFORE,
    /**
     * The request is forwarded and the upstream acts and answers, then the client's connection is reset instead of
     * relaying that answer: the write was applied but its answer is lost. {@link FaultProxy} only.
     */
    RESET_AFTER,
    /**
     * The request is forwarded and the upstream acts at once; its answer reaches the client only after a delay.
     */
    SLOW,
    /**
     * The request is held without an answer until the client gives up (its read timeout) or the proxy is closed; it
     * is never forwarded. {@link FaultProxy} only.
     */
    STALL,
    /**
     * The request is answered with an error status (with an Azure-style JSON error body) and never forwarded.
     */
    STATUS
}
