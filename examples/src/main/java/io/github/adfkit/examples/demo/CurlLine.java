package io.github.adfkit.examples.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * One request as a curl command line to paste into a shell: {@code curl -i [-X METHOD] 'url' [-H 'name: value']...
 * [-d 'body']}. Every argument is single-quoted, so it must hold no single quote.
 *
 * @param method the HTTP method
 * @param url the URL
 * @param headers the headers, as {@code name: value}
 * @param body the body, or {@code null} for none
 */
record CurlLine(String method, String url, List<String> headers, String body) {
    CurlLine {
        headers = List.copyOf(headers);
        quoted(url);
        headers.forEach(CurlLine::quoted);
        if (body != null) {
            quoted(body);
        }
    }

    /**
     * @param url what to get
     * @return a GET of it
     */
    static CurlLine get(String url) {
        return new CurlLine("GET", url, List.of(), null);
    }

    /**
     * @param url where to post
     * @return a POST without a body
     */
    static CurlLine post(String url) {
        return new CurlLine("POST", url, List.of(), null);
    }

    /**
     * @param name a header name
     * @param value its value
     * @return this request with the header added
     */
    CurlLine header(String name, String value) {
        List<String> more = new ArrayList<>(headers);
        more.add(name + ": " + value);
        return new CurlLine(method, url, more, body);
    }

    /**
     * @param json a JSON body
     * @return this request with the body and its content type
     */
    CurlLine json(String json) {
        return new CurlLine(method, url, header("Content-Type", "application/json").headers(), json);
    }

    /**
     * @param form a form body, already encoded
     * @return this request with the body and its content type
     */
    CurlLine form(String form) {
        return new CurlLine(method, url, header("Content-Type", "application/x-www-form-urlencoded").headers(), form);
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder("curl -i");
        if (!method.equals("GET")) {
            line.append(" -X ").append(method);
        }
        line.append(' ').append(quoted(url));
        headers.forEach(header -> line.append(" -H ").append(quoted(header)));
        if (body != null) {
            line.append(" -d ").append(quoted(body));
        }
        return line.toString();
    }

    private static String quoted(String argument) {
        if (argument.indexOf('\'') >= 0) {
            throw new IllegalArgumentException("A curl argument here cannot hold a single quote: " + argument);
        }
        return "'" + argument + "'";
    }
}
