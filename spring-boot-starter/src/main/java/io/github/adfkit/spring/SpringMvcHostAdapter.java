package io.github.adfkit.spring;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.HttpRequestHandler;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Plugs a {@link HostHandler} into Spring MVC as an {@link HttpRequestHandler}. The starter does this for every
 * {@link HostEndpoint} bean; call it yourself to map a handler some other way.
 *
 * <pre>{@code
 * SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(
 *     Map.of("/api/**", SpringMvcHostAdapter.adapt(asyncApi, 1024 * 1024)));
 * }</pre>
 */
public final class SpringMvcHostAdapter {
    private static final ClientLogger LOGGER = new ClientLogger(SpringMvcHostAdapter.class);

    private SpringMvcHostAdapter() {
    }

    /**
     * Wraps a handler. A body larger than {@code maxBodyBytes} is answered with 413 without calling the handler; an
     * exception from the handler is logged under an incident id and answered with a 500 {@code {"error"}} that names
     * the id and nothing else.
     *
     * @param handler the endpoint
     * @param maxBodyBytes the largest request body read
     * @return the Spring MVC handler
     * @throws IllegalArgumentException if {@code maxBodyBytes} is not positive
     */
    public static HttpRequestHandler adapt(HostHandler handler, int maxBodyBytes) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("'maxBodyBytes' must be positive, was " + maxBodyBytes + ".");
        }
        return (request, response) -> {
            byte[] body = readAtMost(request.getInputStream(), maxBodyBytes);
            HostResponse answer = body == null
                ? HostResponse.error(413, "The request body is larger than " + maxBodyBytes + " bytes.")
                : answer(handler, toHostRequest(request, body));
            write(answer, request.getMethod(), response);
        };
    }

    private static HostResponse answer(HostHandler handler, HostRequest request) {
        try {
            return handler.handle(request);
        } catch (RuntimeException unexpected) {
            String incident = UUID.randomUUID().toString();
            LOGGER.atError().addKeyValue("incident", incident).addKeyValue("path", request.getPath())
                .log("The adfkit endpoint failed.", unexpected);
            return HostResponse.error(500, "Internal error; the host log names it incident " + incident + ".");
        }
    }

    private static HostRequest toHostRequest(HttpServletRequest request, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, String.join(",", Collections.list(request.getHeaders(name))));
        }
        String query = request.getQueryString();
        URI uri = URI.create(request.getRequestURL() + (query == null ? "" : "?" + query));
        return HostRequest.of(request.getMethod(), uri, headers, body, request.getRemoteAddr());
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    private static void write(HostResponse answer, String method, HttpServletResponse response) throws IOException {
        response.setStatus(answer.getStatus());
        answer.getHeaders().forEach(response::setHeader);
        byte[] body = answer.getBody();
        boolean noBody = body.length == 0 || "HEAD".equals(method) || answer.getStatus() == 204
            || answer.getStatus() == 304;
        if (!noBody) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }
}
