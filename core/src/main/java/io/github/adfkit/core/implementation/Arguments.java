package io.github.adfkit.core.implementation;

import java.util.Objects;

/**
 * Argument checks with the messages adfkit's public types use.
 */
public final class Arguments {
    private Arguments() {
    }

    /**
     * Requires a value with text in it.
     *
     * @param value the value
     * @param name the parameter's name, for the message
     * @return the value
     * @throws NullPointerException if the value is {@code null} ({@code "'name' cannot be null."})
     * @throws IllegalArgumentException if the value is empty or only white space ({@code "'name' cannot be blank."})
     */
    public static String requireText(String value, String name) {
        Objects.requireNonNull(value, "'" + name + "' cannot be null.");
        if (value.isBlank()) {
            throw new IllegalArgumentException("'" + name + "' cannot be blank.");
        }
        return value;
    }
}
