package io.github.adfkit.core.host;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A {@link HostResponse} as HTTP/1.1 bytes. Header values lose any line break, so a handler cannot split the
 * response.
 */
final class ResponseBytes {
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
        Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
        Map.entry(303, "See Other"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
        Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
        Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"),
        Map.entry(410, "Gone"), Map.entry(411, "Length Required"), Map.entry(413, "Content Too Large"),
        Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
        Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
        Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    private ResponseBytes() {
    }

    static ByteBuffer of(HostResponse response, String method, boolean close) {
        int status = response.getStatus();
        boolean bodyAllowed = status != 204 && status != 304 && status >= 200;
        byte[] body = bodyAllowed && !"HEAD".equals(method) ? response.getBody() : new byte[0];
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ')
            .append(REASONS.getOrDefault(status, "Status")).append("\r\n");
        response.getHeaders().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Connection")
                && !name.equalsIgnoreCase("Transfer-Encoding")) {
                head.append(oneLine(name)).append(": ").append(oneLine(value)).append("\r\n");
            }
        });
        if (bodyAllowed) {
            head.append("Content-Length: ").append("HEAD".equals(method) ? response.getBody().length : body.length)
                .append("\r\n");
        }
        head.append(close ? "Connection: close\r\n" : "").append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(head.length() + body.length);
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(body);
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    private static String oneLine(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
