package io.github.adfkit.core.implementation;

import java.util.Objects;

/**
 * Endpoint strings as adfkit's clients and hosts join paths to them.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * @param endpoint an endpoint or base URL, such as {@code https://management.azure.com/}
     * @param name the setting's name, for the message if it is {@code null}
     * @return it without a trailing {@code /}, so that a path starting with {@code /} can be appended
     * @throws NullPointerException if {@code endpoint} is {@code null}
     */
    public static String withoutTrailingSlash(String endpoint, String name) {
        Objects.requireNonNull(endpoint, "'" + name + "' cannot be null.");
        return endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    }
}
