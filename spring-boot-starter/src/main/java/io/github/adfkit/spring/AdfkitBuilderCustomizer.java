package io.github.adfkit.spring;

/**
 * Changes an adfkit builder before the starter builds a client or server from it: declare a bean of this type with
 * the builder as its type argument for anything the {@code adfkit.*} properties do not cover (an HTTP client, a
 * pipeline, a clock, backoffs). Customizers run after the properties are applied, in {@code @Order}.
 *
 * <pre>{@code
 * @Bean
 * AdfkitBuilderCustomizer<CallbackClientBuilder> longCallbacks() {
 *     return builder -> builder.deadline(Duration.ofHours(12));
 * }
 * }</pre>
 *
 * @param <B> the builder type, such as {@code CallbackClientBuilder} or {@code ContainerJobClientBuilder}
 */
@FunctionalInterface
public interface AdfkitBuilderCustomizer<B> {
    /**
     * Changes the builder.
     *
     * @param builder the builder, with the properties already applied
     */
    void customize(B builder);
}
