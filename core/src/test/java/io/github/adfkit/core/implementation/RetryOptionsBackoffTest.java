package io.github.adfkit.core.implementation;

import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryOptionsBackoffTest {
    private static final ClientLogger LOGGER = new ClientLogger(RetryOptionsBackoffTest.class);

    @Test
    void takesTheExponentialBaseAndMaxDelay() {
        Backoff backoff = RetryOptionsBackoff.exponential(new RetryOptions(new ExponentialBackoffOptions()
            .setBaseDelay(Duration.ofSeconds(3)).setMaxDelay(Duration.ofMinutes(2)).setMaxRetries(1)), LOGGER);

        assertThat(backoff.getInitial()).isEqualTo(Duration.ofSeconds(3));
        assertThat(backoff.getMax()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void refusesOptionsWithoutBothDelays() {
        assertThatThrownBy(() -> RetryOptionsBackoff.exponential(null, LOGGER))
            .isInstanceOf(NullPointerException.class).hasMessage("'retryOptions' cannot be null.");
        assertThatThrownBy(() -> RetryOptionsBackoff.exponential(
            new RetryOptions(new FixedDelayOptions(3, Duration.ofSeconds(1))), LOGGER))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'retryOptions' must carry ExponentialBackoffOptions with a base and a max delay.");
        assertThatThrownBy(() -> RetryOptionsBackoff.exponential(
            new RetryOptions(new ExponentialBackoffOptions().setBaseDelay(Duration.ofSeconds(1))), LOGGER))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
