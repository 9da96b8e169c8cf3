/**
 * Spring Boot 3 auto-configuration for adfkit. Add {@code adfkit-spring-boot-starter} and the capability modules
 * you use; set {@code adfkit.*} properties ({@link io.github.adfkit.spring.AdfkitProperties}); inject the clients.
 * In a Spring MVC application each capability's endpoints are served through
 * {@link io.github.adfkit.spring.HostEndpoint} beans, and any other {@code HostHandler} is one such bean away.
 */
package io.github.adfkit.spring;
