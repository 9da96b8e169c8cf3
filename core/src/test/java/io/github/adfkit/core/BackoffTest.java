package io.github.adfkit.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private final Backoff backoff = Backoff.exponential(Duration.ofSeconds(1), Duration.ofSeconds(30)).withJitter(0);

    @Test
    void growsExponentiallyUpToTheCap() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void jitterSpreadsDelaysWithinTheFractionAndTheCap() {
        Backoff jittered = backoff.withJitter(0.5);
        assertThat(jittered.delay(3, () -> 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(jittered.delay(3, () -> 0.999999)).isBetween(Duration.ofMillis(5999), Duration.ofSeconds(6));
        assertThat(jittered.delay(10, () -> 0.999999)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void serverHintWins() {
        assertThat(backoff.delay(1, Duration.ofSeconds(45))).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.delay(1, (Duration) null)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void fixedNeverGrows() {
        Backoff fixed = Backoff.fixed(Duration.ofSeconds(5));
        assertThat(fixed.delay(1)).isEqualTo(fixed.delay(9)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
            .hasMessageContaining("'initial' must be positive");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
            .hasMessageContaining("must not be less than");
        assertThatThrownBy(() -> backoff.withJitter(1.5)).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> backoff.delay(0)).hasMessageContaining("counts from 1");
    }
}
