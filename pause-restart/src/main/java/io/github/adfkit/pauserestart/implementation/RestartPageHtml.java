package io.github.adfkit.pauserestart.implementation;

import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.implementation.Html;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The restart pages' HTML: one small layout, every value escaped, and the headers that keep the token where it is
 * (no referrer, no cache) and the page inert (a Content-Security-Policy that allows only the page's own style and a
 * form posting back to this host).
 */
public final class RestartPageHtml {
    private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;"
        + "padding:0 1em;color:#1b1b1b}h1{font-size:1.4em}dt{font-weight:bold}dd{margin:0 0 .6em 0}"
        + "button{font-size:1em;padding:.6em 1.2em;background:#0b5cad;color:#fff;border:0;border-radius:4px;"
        + "cursor:pointer}.note{color:#555;font-size:.9em}";
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
        + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private RestartPageHtml() {
    }

    /**
     * A page with the security headers.
     *
     * @param status the HTTP status
     * @param title the heading, plain text
     * @param bodyHtml the content, already escaped
     * @return the response
     */
    public static HostResponse page(int status, String title, String bodyHtml) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
            + "<meta name=\"robots\" content=\"noindex,nofollow\">"
            + "<title>" + Html.escape(title) + "</title><style>" + STYLE + "</style></head>\n<body><h1>"
            + Html.escape(title) + "</h1>\n" + bodyHtml + "\n</body></html>\n";
        return HostResponse.html(status, html)
            .withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .withHeader("Referrer-Policy", "no-referrer")
            .withHeader("Cache-Control", "no-store")
            .withHeader("X-Content-Type-Options", "nosniff")
            .withHeader("X-Frame-Options", "DENY")
            .withHeader("X-Robots-Tag", "noindex, nofollow");
    }

    /**
     * @param text plain text
     * @return an escaped paragraph
     */
    public static String paragraph(String text) {
        return "<p>" + Html.escape(text) + "</p>";
    }

    /**
     * @param text plain text
     * @return an escaped paragraph in the muted note style
     */
    public static String note(String text) {
        return "<p class=\"note\">" + Html.escape(text) + "</p>";
    }

    /**
     * @param term the label
     * @param value the value
     * @return an escaped definition-list entry
     */
    public static String entry(String term, String value) {
        return "<dt>" + Html.escape(term) + "</dt><dd>" + Html.escape(value) + "</dd>";
    }

    /**
     * @param action the path the form posts to
     * @param token the token, sent in the body
     * @param label the button's text
     * @return an escaped form with one button
     */
    public static String postForm(String action, String token, String label) {
        return "<form method=\"post\" action=\"" + Html.escape(action) + "\">"
            + "<input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token) + "\">"
            + "<button type=\"submit\">" + Html.escape(label) + "</button></form>";
    }

    /**
     * @param instant an instant, or {@code null}
     * @return it in UTC for people, or "an unknown time"
     */
    public static String time(Instant instant) {
        return instant == null ? "an unknown time" : TIME.format(instant);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256.", impossible);
        }
    }
}
