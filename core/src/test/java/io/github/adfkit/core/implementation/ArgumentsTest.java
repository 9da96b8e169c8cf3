package io.github.adfkit.core.implementation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {
    @Test
    void acceptsTextAndNamesTheParameterOtherwise() {
        assertThat(Arguments.requireText("x", "server")).isEqualTo("x");
        assertThatThrownBy(() -> Arguments.requireText(null, "server"))
            .isInstanceOf(NullPointerException.class).hasMessage("'server' cannot be null.");
        assertThatThrownBy(() -> Arguments.requireText(" \t", "server"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("'server' cannot be blank.");
    }
}
