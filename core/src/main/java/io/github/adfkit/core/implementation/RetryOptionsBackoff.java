package io.github.adfkit.core.implementation;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Backoff;

import java.util.Objects;

/**
 * Turns the {@code retryOptions} of an azure-core builder into the {@link Backoff} adfkit retries with on its own
 * clock. Only the exponential base and maximum delay are used; the retry count is not.
 */
public final class RetryOptionsBackoff {
    private RetryOptionsBackoff() {
    }

    /**
     * @param retryOptions options with {@link ExponentialBackoffOptions} that have a base and a maximum delay
     * @param logger the builder's logger, which logs a refusal
     * @return an exponential backoff from the base to the maximum delay
     * @throws NullPointerException if {@code retryOptions} is {@code null}
     * @throws IllegalArgumentException if the options carry no exponential base and maximum delay
     */
    public static Backoff exponential(RetryOptions retryOptions, ClientLogger logger) {
        ExponentialBackoffOptions exponential = Objects.requireNonNull(retryOptions, "'retryOptions' cannot be null.")
            .getExponentialBackoffOptions();
        if (exponential == null || exponential.getBaseDelay() == null || exponential.getMaxDelay() == null) {
            throw logger.logExceptionAsError(new IllegalArgumentException(
                "'retryOptions' must carry ExponentialBackoffOptions with a base and a max delay."));
        }
        return Backoff.exponential(exponential.getBaseDelay(), exponential.getMaxDelay());
    }
}
