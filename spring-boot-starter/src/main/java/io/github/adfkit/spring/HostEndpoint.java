package io.github.adfkit.spring;

import io.github.adfkit.core.host.HostHandler;

import java.util.List;
import java.util.Objects;

/**
 * A {@link HostHandler} and the paths it answers. In a Spring MVC application, every bean of this type is served by
 * the starter through {@link SpringMvcHostAdapter}; the starter declares one for each capability it configures, and
 * one more is a bean away:
 *
 * <pre>{@code
 * @Bean
 * HostEndpoint jobs(ContainerJobClient jobs) {
 *     return HostEndpoint.of(new StartJobHandler(jobs), "/jobs");
 * }
 * }</pre>
 *
 * <p>Paths are Spring MVC path patterns, such as {@code /pause} or {@code /api/**}, and include the servlet context
 * path if the application has one. The application's own {@code @RequestMapping}s take precedence.</p>
 */
public final class HostEndpoint {
    private final HostHandler handler;
    private final List<String> pathPatterns;

    private HostEndpoint(HostHandler handler, List<String> pathPatterns) {
        this.handler = handler;
        this.pathPatterns = pathPatterns;
    }

    /**
     * Creates an endpoint.
     *
     * @param handler the handler that answers
     * @param pathPatterns one or more path patterns, each starting with {@code /}
     * @return the endpoint
     * @throws IllegalArgumentException if no pattern is given or one does not start with {@code /}
     */
    public static HostEndpoint of(HostHandler handler, String... pathPatterns) {
        Objects.requireNonNull(handler, "'handler' cannot be null.");
        Objects.requireNonNull(pathPatterns, "'pathPatterns' cannot be null.");
        List<String> patterns = List.of(pathPatterns);
        if (patterns.isEmpty() || patterns.stream().anyMatch(pattern -> !pattern.startsWith("/"))) {
            throw new IllegalArgumentException("Give at least one path pattern, each starting with '/'; got "
                + patterns + ".");
        }
        return new HostEndpoint(handler, patterns);
    }

    /**
     * @return the handler that answers
     */
    public HostHandler getHandler() {
        return handler;
    }

    /**
     * @return the path patterns it answers
     */
    public List<String> getPathPatterns() {
        return pathPatterns;
    }

    @Override
    public String toString() {
        return "HostEndpoint" + pathPatterns;
    }
}
