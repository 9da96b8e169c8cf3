package io.github.adfkit.core.implementation;

import java.time.Duration;
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

    /**
     * Requires a positive number.
     *
     * @param value the value
     * @param name the parameter's name, for the message
     * @return the value
     * @throws IllegalArgumentException if the value is zero or negative
     */
    public static int requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException("'" + name + "' must be positive, was " + value + ".");
        }
        return value;
    }

    /**
     * Requires a number that is not negative.
     *
     * @param value the value
     * @param name the parameter's name, for the message
     * @return the value
     * @throws IllegalArgumentException if the value is negative
     */
    public static int requireNonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException("'" + name + "' cannot be negative, was " + value + ".");
        }
        return value;
    }

    /**
     * Requires a positive duration.
     *
     * @param value the value
     * @param name the parameter's name, for the message
     * @return the value
     * @throws NullPointerException if the value is {@code null}
     * @throws IllegalArgumentException if the value is zero or negative
     */
    public static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, "'" + name + "' cannot be null.");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("'" + name + "' must be positive, was " + value + ".");
        }
        return value;
    }
}
