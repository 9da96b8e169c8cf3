package io.github.adfkit.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serves every {@link HostEndpoint} bean through Spring MVC, in a servlet web application. The mapping comes after
 * the application's own {@code @RequestMapping}s and before static resources.
 */
@AutoConfiguration(after = {AdfkitAutoConfiguration.class, AsyncOperationAutoConfiguration.class,
    PauseRestartAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
public class HostEndpointAutoConfiguration {
    /** The mapping's order: after {@code RequestMappingHandlerMapping} (0), before static resources. */
    public static final int ORDER = 1;

    /**
     * Creates the configuration.
     */
    public HostEndpointAutoConfiguration() {
    }

    /**
     * @param endpoints every {@link HostEndpoint} bean
     * @param properties the settings
     * @return the handler mapping that serves them
     * @throws IllegalStateException if two endpoints claim the same path pattern
     */
    @Bean
    public SimpleUrlHandlerMapping adfkitHostEndpointMapping(ObjectProvider<HostEndpoint> endpoints,
        AdfkitProperties properties) {
        Map<String, HttpRequestHandler> routes = new LinkedHashMap<>();
        endpoints.orderedStream().forEach(endpoint -> {
            HttpRequestHandler handler = SpringMvcHostAdapter.adapt(endpoint.getHandler(),
                properties.getHost().getMaxBodyBytes());
            for (String pattern : endpoint.getPathPatterns()) {
                if (routes.putIfAbsent(pattern, handler) != null) {
                    throw new IllegalStateException("Two adfkit endpoints claim the path " + pattern + ".");
                }
            }
        });
        return new SimpleUrlHandlerMapping(routes, ORDER);
    }
}
