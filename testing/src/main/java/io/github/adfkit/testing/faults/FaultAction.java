package io.github.adfkit.testing.faults;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.testing.implementation.FakeArguments;

import java.time.Duration;

/**
 * One fault to inject into one request: its {@link FaultKind} and, for {@link FaultKind#STATUS}, the status and
 * {@code Retry-After}, or for {@link FaultKind#SLOW}, the delay. Immutable.
 *
 * <pre>{@code
 * proxy.injectNext(1, ProxiedRequest.method("POST"), FaultAction.resetAfter());
 * proxy.injectNext(2, ProxiedRequest.any(), FaultAction.status(503, Duration.ofSeconds(1)));
 * }</pre>
 */
public final class FaultAction {
    private static final ClientLogger LOGGER = new ClientLogger(FaultAction.class);

    private final FaultKind kind;
    private final int status;
    private final Duration retryAfter;
    private final Duration delay;

    private FaultAction(FaultKind kind, int status, Duration retryAfter, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.delay = delay;
    }

    /**
     * Resets the connection without forwarding the request ({@link FaultKind#RESET_BEFORE}).
     *
     * @return the fault
     */
    public static FaultAction resetBefore() {
        return new FaultAction(FaultKind.RESET_BEFORE, 0, null, Duration.ZERO);
    }

    /**
     * Forwards the request, lets the upstream answer, then resets the connection instead of relaying the answer
     * ({@link FaultKind#RESET_AFTER}).
     *
     * @return the fault
     */
    public static FaultAction resetAfter() {
        return new FaultAction(FaultKind.RESET_AFTER, 0, null, Duration.ZERO);
    }

    /**
     * Forwards the request and relays the answer after a delay ({@link FaultKind#SLOW}).
     *
     * @param delay how long the answer is held back; positive
     * @return the fault
     * @throws IllegalArgumentException if the delay is not positive
     */
    public static FaultAction slow(Duration delay) {
        return new FaultAction(FaultKind.SLOW, 0, null, FakeArguments.positive(delay, LOGGER));
    }

    /**
     * Holds the request without answering until the client gives up or the proxy closes ({@link FaultKind#STALL}).
     *
     * @return the fault
     */
    public static FaultAction stall() {
        return new FaultAction(FaultKind.STALL, 0, null, Duration.ZERO);
    }

    /**
     * Answers with a status and an Azure-style JSON error body, without forwarding ({@link FaultKind#STATUS}).
     *
     * @param status a 4xx or 5xx status, such as 500
     * @return the fault
     * @throws IllegalArgumentException if the status is not a 4xx or 5xx
     */
    public static FaultAction status(int status) {
        return status(status, null);
    }

    /**
     * Answers with a status, a {@code Retry-After} header (whole seconds, rounded up) and an Azure-style JSON error
     * body, without forwarding ({@link FaultKind#STATUS}).
     *
     * @param status a 4xx or 5xx status, such as 503
     * @param retryAfter the delay to advertise, or null for no header
     * @return the fault
     * @throws IllegalArgumentException if the status is not a 4xx or 5xx, or the delay is negative
     */
    public static FaultAction status(int status, Duration retryAfter) {
        if (retryAfter != null && retryAfter.isNegative()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'retryAfter' cannot be negative, was " + retryAfter + "."));
        }
        return new FaultAction(FaultKind.STATUS, FakeArguments.errorStatus(status, LOGGER), retryAfter, Duration.ZERO);
    }

    /**
     * What the fault does.
     *
     * @return the kind
     */
    public FaultKind kind() {
        return kind;
    }

    /**
     * The status a {@link FaultKind#STATUS} fault answers with.
     *
     * @return the status, or 0 for other kinds
     */
    public int status() {
        return status;
    }

    /**
     * The {@code Retry-After} a {@link FaultKind#STATUS} fault sends.
     *
     * @return the delay, or null for none
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * How long a {@link FaultKind#SLOW} fault holds the answer back.
     *
     * @return the delay, {@link Duration#ZERO} for other kinds
     */
    public Duration delay() {
        return delay;
    }

    /**
     * Describes the fault, for test failure messages.
     *
     * @return for example {@code STATUS 503} or {@code SLOW PT2S}
     */
    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> kind + " " + status + (retryAfter == null ? "" : " Retry-After " + retryAfter);
            case SLOW -> kind + " " + delay;
            default -> kind.toString();
        };
    }
}
