package io.github.adfkit.core.implementation;

/**
 * adfkit's one rule for which answers are worth another attempt: no answer at all (a reset or timeout), 408 Request
 * Timeout, 429 Too Many Requests and every 5xx. Every other 4xx refuses the request for good. Callback delivery,
 * container jobs, the async-operation client and {@code createRun} all decide with it.
 */
public final class TransientStatus {
    private TransientStatus() {
    }

    /**
     * @param status an HTTP status, or a value below 100 (such as 0 or -1) for an attempt that got no answer
     * @return whether another attempt may succeed
     */
    public static boolean isTransient(int status) {
        return status < 100 || status == 408 || status == 429 || status >= 500;
    }

    /**
     * @param status an HTTP status, or a value below 100 for an attempt that got no answer
     * @return whether the answer refuses the request for good: a 4xx other than 408 and 429
     */
    public static boolean isRefusal(int status) {
        return status >= 400 && !isTransient(status);
    }
}
