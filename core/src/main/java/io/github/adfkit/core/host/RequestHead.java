package io.github.adfkit.core.host;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The request line and headers of one HTTP/1.1 request, parsed strictly: anything ambiguous (folded or malformed
 * header lines, a missing or malformed {@code Host}, conflicting lengths) is refused rather than guessed.
 */
final class RequestHead {
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._~-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    final String method;
    final String target;
    final boolean http11;
    final Map<String, String> headers;

    private RequestHead(String method, String target, boolean http11, Map<String, String> headers) {
        this.method = method;
        this.target = target;
        this.http11 = http11;
        this.headers = headers;
    }

    /**
     * @param bytes the head without the blank line that ends it
     * @return the head
     * @throws BadRequest naming what is wrong
     */
    static RequestHead parse(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\r\n", -1);
        String[] requestLine = lines[0].split(" ", -1);
        if (requestLine.length != 3 || !METHOD.matcher(requestLine[0]).matches() || requestLine[1].isEmpty()) {
            throw new BadRequest(400, "The request line is malformed.");
        }
        if (!requestLine[2].equals("HTTP/1.1") && !requestLine[2].equals("HTTP/1.0")) {
            throw new BadRequest(505, "Only HTTP/1.1 and HTTP/1.0 are served.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(lines[i].substring(0, colon)).matches()) {
                throw new BadRequest(400, "A header line is malformed.");
            }
            String name = lines[i].substring(0, colon);
            String value = lines[i].substring(colon + 1).strip();
            headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
        }
        boolean http11 = requestLine[2].equals("HTTP/1.1");
        String host = headers.get("host");
        if (http11 && host == null || host != null && !HOST.matcher(host).matches()) {
            throw new BadRequest(400, "The Host header is missing or malformed.");
        }
        return new RequestHead(requestLine[0], requestLine[1], http11, headers);
    }

    /**
     * @return the declared body length, 0 when none is declared
     * @throws BadRequest if the length is malformed or a transfer coding is used
     */
    long contentLength() {
        if (headers.containsKey("transfer-encoding")) {
            throw new BadRequest(411, "Send the body with Content-Length; transfer codings are not accepted.");
        }
        String length = headers.get("content-length");
        if (length == null) {
            return 0;
        }
        if (!length.matches("[0-9]{1,18}")) {
            throw new BadRequest(400, "The Content-Length header is malformed.");
        }
        return Long.parseLong(length);
    }

    boolean expectsContinue() {
        return "100-continue".equalsIgnoreCase(headers.get("expect"));
    }

    boolean keepAlive() {
        String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
        return http11 ? !connection.contains("close") : connection.contains("keep-alive");
    }

    /**
     * A request the server refuses before a handler sees it.
     */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The HTTP status of the refusal. */
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
