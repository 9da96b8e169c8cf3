package io.github.adfkit.testing.implementation;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 message as read from a socket: the start line, the header lines, and the body exactly as framed on
 * the wire ({@code Content-Length}, {@code chunked} with its chunk lines and trailers, or up to end of stream), so a
 * proxy can pass it on byte for byte.
 */
public final class RawHttpMessage {
    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private final String startLine;
    private final List<String> headerLines;
    private final byte[] head;
    private final byte[] body;

    private RawHttpMessage(String startLine, List<String> headerLines, byte[] head, byte[] body) {
        this.startLine = startLine;
        this.headerLines = headerLines;
        this.head = head;
        this.body = body;
    }

    /**
     * Reads a request, answering {@code 100 Continue} first if the client asked for it.
     *
     * @param in the client's input
     * @param out the client's output, for {@code 100 Continue}
     * @return the request, or null if the client closed the connection before sending one
     * @throws IOException if the connection fails or the request is malformed
     */
    public static RawHttpMessage readRequest(InputStream in, OutputStream out) throws IOException {
        byte[] head = readHead(in);
        if (head == null) {
            return null;
        }
        List<String> lines = lines(head);
        RawHttpMessage headOnly = new RawHttpMessage(lines.get(0), lines.subList(1, lines.size()), head, null);
        boolean hasBody = headOnly.isChunked() || headOnly.contentLength() > 0;
        if (hasBody && "100-continue".equalsIgnoreCase(headOnly.header("Expect"))) {
            out.write(CONTINUE);
            out.flush();
        }
        byte[] body = headOnly.isChunked() ? readChunked(in)
            : readExactly(in, Math.max(0, headOnly.contentLength()));
        return new RawHttpMessage(headOnly.startLine, headOnly.headerLines, head, body);
    }

    /**
     * Reads a response to a request made with {@code Connection: close}.
     *
     * @param in the server's input
     * @param requestMethod the method of the request it answers ({@code HEAD} answers have no body)
     * @return the response
     * @throws IOException if the connection fails before a whole response arrived
     */
    public static RawHttpMessage readResponse(InputStream in, String requestMethod) throws IOException {
        byte[] head = readHead(in);
        if (head == null) {
            throw new EOFException("The upstream closed the connection without answering.");
        }
        List<String> lines = lines(head);
        RawHttpMessage headOnly = new RawHttpMessage(lines.get(0), lines.subList(1, lines.size()), head, null);
        int status = headOnly.status();
        byte[] body;
        if ("HEAD".equals(requestMethod) || status < 200 || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headOnly.isChunked()) {
            body = readChunked(in);
        } else if (headOnly.contentLength() >= 0) {
            body = readExactly(in, headOnly.contentLength());
        } else {
            body = in.readAllBytes();
        }
        return new RawHttpMessage(headOnly.startLine, headOnly.headerLines, head, body);
    }

    /**
     * The start line.
     *
     * @return for example {@code POST /path?x=1 HTTP/1.1} or {@code HTTP/1.1 204 No Content}
     */
    public String startLine() {
        return startLine;
    }

    /**
     * The header lines, without the start line, in order.
     *
     * @return lines such as {@code Content-Type: application/json}
     */
    public List<String> headerLines() {
        return headerLines;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case
     * @return the trimmed value, or null if absent
     */
    public String header(String name) {
        for (String line : headerLines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /**
     * Whether a header holds a token in its comma-separated list, as {@code Connection: close} does.
     *
     * @param name the header name
     * @param token the token, in any case
     * @return true if present
     */
    public boolean headerHasToken(String name, String token) {
        String value = header(name);
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The status of a response.
     *
     * @return the status code
     * @throws IOException if the start line is not a status line
     */
    public int status() throws IOException {
        String[] parts = startLine.split(" ", 3);
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("Not an HTTP status line: " + startLine, e);
        }
    }

    /**
     * Whether the body is framed, so the connection can carry another message after it.
     *
     * @return true for {@code chunked} or a {@code Content-Length}
     */
    public boolean isFramed() {
        return isChunked() || contentLength() >= 0;
    }

    /**
     * The head as read: start line, header lines and the empty line.
     *
     * @return the bytes (not copied)
     */
    public byte[] head() {
        return head;
    }

    /**
     * The body exactly as framed on the wire.
     *
     * @return the bytes (not copied); empty if there was none
     */
    public byte[] body() {
        return body;
    }

    private boolean isChunked() {
        return headerHasToken("Transfer-Encoding", "chunked");
    }

    private long contentLength() {
        String value = header("Content-Length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("The connection closed in the middle of an HTTP head.");
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("HTTP head longer than " + MAX_HEAD_BYTES + " bytes.");
            }
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toByteArray();
    }

    private static List<String> lines(byte[] head) throws IOException {
        String text = new String(head, 0, head.length - 4, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>(List.of(text.split("\r\n")));
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new IOException("Empty HTTP start line.");
        }
        return Collections.unmodifiableList(lines);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, raw);
            int extension = sizeLine.indexOf(';');
            long size;
            try {
                size = Long.parseLong((extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("Bad chunk size line: " + sizeLine, e);
            }
            if (size == 0) {
                while (!readLine(in, raw).isEmpty()) {
                    // Trailer lines are copied as they are.
                }
                return raw.toByteArray();
            }
            raw.write(readExactly(in, size));
            if (!readLine(in, raw).isEmpty()) {
                throw new IOException("A chunk is not followed by CRLF.");
            }
        }
    }

    private static String readLine(InputStream in, ByteArrayOutputStream raw) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("The connection closed in the middle of a chunked body.");
            }
            raw.write(b);
            if (b == '\n') {
                boolean carriageReturn = line.length() > 0 && line.charAt(line.length() - 1) == '\r';
                return line.substring(0, carriageReturn ? line.length() - 1 : line.length());
            }
            line.append((char) b);
        }
    }

    private static byte[] readExactly(InputStream in, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("Body too large for the fault proxy: " + length + " bytes.");
        }
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("The connection closed after " + bytes.length + " of " + length + " body bytes.");
        }
        return bytes;
    }

    /**
     * The lower-case name of a header line.
     *
     * @param line a header line
     * @return its name, lower case, or the whole line if it has no colon
     */
    public static String headerName(String line) {
        int colon = line.indexOf(':');
        return (colon < 0 ? line : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
    }
}
