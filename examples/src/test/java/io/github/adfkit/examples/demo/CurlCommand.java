package io.github.adfkit.examples.demo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a curl line as {@code --serve} prints it ({@code curl -i [-X METHOD] 'url' [-H 'name: value']...
 * [-d 'body']}, arguments single-quoted) into the request it sends.
 */
final class CurlCommand {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private CurlCommand() {
    }

    /**
     * @param line a curl line
     * @return the request it sends
     * @throws IllegalArgumentException for an option this reader does not know
     */
    static HttpRequest parse(String line) {
        List<String> words = words(line);
        if (!words.get(0).equals("curl")) {
            throw new IllegalArgumentException("Not a curl line: " + line);
        }
        String method = null;
        String url = null;
        String body = null;
        List<String> headers = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-i" -> { }
                case "-X" -> method = words.get(++i);
                case "-H" -> headers.add(words.get(++i));
                case "-d" -> body = words.get(++i);
                default -> {
                    if (words.get(i).startsWith("-") || url != null) {
                        throw new IllegalArgumentException("Unexpected '" + words.get(i) + "' in " + line);
                    }
                    url = words.get(i);
                }
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
            .method(method != null ? method : body != null ? "POST" : "GET",
                body != null ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        for (String header : headers) {
            int colon = header.indexOf(':');
            request.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        return request.build();
    }

    /** Splits a shell line into words; single quotes group, as in a POSIX shell. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word != null ? word : new StringBuilder();
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = (word != null ? word : new StringBuilder()).append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Unclosed quote in " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
