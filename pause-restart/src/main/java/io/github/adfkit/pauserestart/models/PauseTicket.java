package io.github.adfkit.pauserestart.models;

import com.azure.core.annotation.Immutable;
import io.github.adfkit.core.implementation.Html;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What a pause hands out: the single-use restart link for a person, when it expires, and the pause id the resumed
 * pipeline reads its data back with. The token exists only here (adfkit stores its hash), so send the link and drop
 * the ticket; {@link #toString()} never shows the token.
 */
@Immutable
public final class PauseTicket {
    private static final DateTimeFormatter EXPIRY_FORMAT =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final String pauseId;
    private final String token;
    private final String restartUrl;
    private final Instant expiresAt;

    /**
     * Creates a ticket; {@code PauseRestartClient.pause} is where tickets come from.
     *
     * @param pauseId the pause id
     * @param token the raw restart token
     * @param restartUrl the restart link, holding the token
     * @param expiresAt when the link stops working
     */
    public PauseTicket(String pauseId, String token, String restartUrl, Instant expiresAt) {
        this.pauseId = Objects.requireNonNull(pauseId, "'pauseId' cannot be null.");
        this.token = Objects.requireNonNull(token, "'token' cannot be null.");
        this.restartUrl = Objects.requireNonNull(restartUrl, "'restartUrl' cannot be null.");
        this.expiresAt = Objects.requireNonNull(expiresAt, "'expiresAt' cannot be null.");
    }

    /**
     * @return the pause id: the resumed pipeline's parameter, and the key of its data
     */
    public String getPauseId() {
        return pauseId;
    }

    /**
     * @return the raw token (86 URL-safe characters); a secret, never log it
     */
    public String getToken() {
        return token;
    }

    /**
     * @return the restart link for the person who resumes the pipeline; it holds the token, never log it
     */
    public String getRestartUrl() {
        return restartUrl;
    }

    /**
     * @return when the link stops working
     */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /**
     * An HTML fragment for an email body: the message, the restart link as a button-like anchor, and the expiry.
     * Everything is HTML-escaped.
     *
     * @param message the text above the link, such as "The sales load is ready for review."
     * @return the HTML fragment
     */
    public String toEmailHtml(String message) {
        return "<p>" + Html.escape(Objects.requireNonNull(message, "'message' cannot be null.")) + "</p>\n"
            + "<p><a href=\"" + Html.escape(restartUrl) + "\" style=\"display:inline-block;padding:10px 16px;"
            + "background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px\">Review and resume the "
            + "pipeline</a></p>\n"
            + "<p style=\"color:#555555;font-size:small\">This link works once and expires "
            + Html.escape(EXPIRY_FORMAT.format(expiresAt)) + ". Opening it only shows a confirmation page.</p>\n";
    }

    @Override
    public String toString() {
        return "PauseTicket{pauseId=" + pauseId + ", expiresAt=" + expiresAt + ", token=REDACTED}";
    }
}
