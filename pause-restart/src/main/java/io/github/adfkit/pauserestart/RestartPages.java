package io.github.adfkit.pauserestart;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.host.TrustedProxies;
import io.github.adfkit.core.implementation.ClientRateLimiter;
import io.github.adfkit.core.implementation.FormBody;
import io.github.adfkit.pauserestart.models.PipelineTarget;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.pauserestart.models.RestartStatus;

import java.time.Duration;
import java.util.Objects;

import static io.github.adfkit.pauserestart.implementation.RestartPageHtml.entry;
import static io.github.adfkit.pauserestart.implementation.RestartPageHtml.note;
import static io.github.adfkit.pauserestart.implementation.RestartPageHtml.page;
import static io.github.adfkit.pauserestart.implementation.RestartPageHtml.paragraph;
import static io.github.adfkit.pauserestart.implementation.RestartPageHtml.postForm;
import static io.github.adfkit.pauserestart.implementation.RestartPageHtml.time;

/**
 * The pages behind a restart link, as a framework-neutral {@link HostHandler}.
 *
 * <ul>
 *   <li>{@code GET ?token=...} shows what will be resumed and when the link expires, with a button; it changes
 *   nothing, so mail scanners and link previews that open the link do not resume the pipeline.</li>
 *   <li>{@code POST} (the button, token in the form body) restarts and shows the run id, or a page that says plainly
 *   why not: 400 malformed link, 404 unknown, 410 expired, 409 already used (and when), 502 Data Factory did not
 *   start the run, 503 storage unavailable.</li>
 * </ul>
 *
 * <p>Every page is HTML-escaped and sent with {@code Referrer-Policy: no-referrer}, {@code Cache-Control: no-store}
 * and a Content-Security-Policy that allows no script. Each client address may make a limited number of attempts
 * (GET or POST) per minute; more are answered 429 with {@code Retry-After}. The client address is the connection's
 * peer; behind a reverse proxy, name it in {@link TrustedProxies} so its {@code X-Forwarded-For} is used (and no one
 * else's).</p>
 *
 * <pre>{@code
 * server.createContext("/restart", JdkHttpServerAdapter.adapt(new RestartPages(pauses), 4096));
 * }</pre>
 */
public final class RestartPages implements HostHandler {
    /** Attempts per client address per minute unless set otherwise. */
    public static final int DEFAULT_ATTEMPTS_PER_MINUTE = 10;

    private static final ClientLogger LOGGER = new ClientLogger(RestartPages.class);

    private final PauseRestartClient client;
    private final ClientRateLimiter rateLimiter;
    private final TrustedProxies proxies;

    /**
     * Creates the pages with {@value #DEFAULT_ATTEMPTS_PER_MINUTE} attempts per client address per minute.
     *
     * @param client the client that restarts
     */
    public RestartPages(PauseRestartClient client) {
        this(client, DEFAULT_ATTEMPTS_PER_MINUTE, SchedulingClock.system());
    }

    /**
     * Creates the pages with another rate limit and clock.
     *
     * @param client the client that restarts
     * @param attemptsPerMinute attempts each client address may make per minute (also its burst); positive
     * @param clock the time source of the rate limit
     * @throws IllegalArgumentException if the rate is not positive
     */
    public RestartPages(PauseRestartClient client, int attemptsPerMinute, SchedulingClock clock) {
        this(client, attemptsPerMinute, clock, TrustedProxies.none());
    }

    /**
     * Creates the pages behind reverse proxies.
     *
     * @param client the client that restarts
     * @param attemptsPerMinute attempts each client address may make per minute (also its burst); positive
     * @param clock the time source of the rate limit
     * @param proxies the proxies whose {@code X-Forwarded-For} names the client
     * @throws IllegalArgumentException if the rate is not positive
     */
    public RestartPages(PauseRestartClient client, int attemptsPerMinute, SchedulingClock clock,
        TrustedProxies proxies) {
        this.proxies = Objects.requireNonNull(proxies, "'proxies' cannot be null.");
        this.client = Objects.requireNonNull(client, "'client' cannot be null.");
        if (attemptsPerMinute < 1) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "'attemptsPerMinute' must be positive, was " + attemptsPerMinute + "."));
        }
        this.rateLimiter = new ClientRateLimiter(attemptsPerMinute, Duration.ofMinutes(1),
            Objects.requireNonNull(clock, "'clock' cannot be null."));
    }

    /**
     * Answers a GET (confirmation page), HEAD, or POST (restart).
     *
     * @param request the request
     * @return an HTML page
     */
    @Override
    public HostResponse handle(HostRequest request) {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read && !"POST".equals(request.getMethod())) {
            return page(405, "Method not allowed", paragraph("Open the link from your email."))
                .withHeader("Allow", "GET, HEAD, POST");
        }
        Duration wait = rateLimiter.tryAcquire(proxies.clientAddress(request));
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return page(429, "Too many attempts", paragraph("Wait " + seconds + " seconds and try again."))
                .withHeader("Retry-After", Long.toString(seconds));
        }
        String token = read ? request.getQueryParameter("token") : postedToken(request);
        try {
            return read ? confirmation(request.getPath(), token) : outcome(client.restart(token));
        } catch (PauseRestartException storageDown) {
            return page(503, "Please try again later", paragraph("The pipeline service cannot reach its storage "
                + "right now. Nothing was resumed; the link still works.")).withHeader("Retry-After", "30");
        }
    }

    private static String postedToken(HostRequest request) {
        String posted = FormBody.field(request.getBodyAsString(), "token");
        return posted != null ? posted : request.getQueryParameter("token");
    }

    private HostResponse confirmation(String path, String token) {
        RestartResult preview = client.preview(token);
        if (preview.getStatus() != RestartStatus.READY) {
            return outcome(preview);
        }
        return page(200, "Resume the pipeline?", "<dl>" + target(preview.getTarget())
            + entry("Link expires", time(preview.getExpiresAt())) + "</dl>"
            + postForm(path, token, "Resume the pipeline")
            + note("Opening this page changed nothing. The pipeline starts only when you press the button, and the "
                + "link works once."));
    }

    private static HostResponse outcome(RestartResult result) {
        switch (result.getStatus()) {
            case STARTED:
                return page(200, "Pipeline resumed", "<dl>" + target(result.getTarget())
                    + entry("Run id", result.getRunId()) + entry("Started", time(result.getUsedAt())) + "</dl>"
                    + note("You can close this page. The link is now used up."));
            case MALFORMED_TOKEN:
                return page(400, "This link is not valid", paragraph("The link is incomplete or was changed. "
                    + "Open it again from the email, or copy the whole link."));
            case UNKNOWN_TOKEN:
                return page(404, "This link is not valid", paragraph("No paused pipeline has this link. It may "
                    + "belong to another environment or have been removed."));
            case EXPIRED:
                return page(410, "This link has expired", paragraph("It expired at " + time(result.getExpiresAt())
                    + ". Ask for the pipeline to be paused again."));
            case ALREADY_USED:
                return page(409, "This link was already used", paragraph(result.getRunId() == null
                    ? "A restart with this link has been under way since " + time(result.getUsedAt()) + "."
                    : "It resumed the pipeline at " + time(result.getUsedAt()) + " (run id " + result.getRunId()
                        + ")."));
            case NOT_STARTED:
                return page(502, "The pipeline could not be resumed", paragraph("Data Factory did not start the "
                    + "run: " + result.getFailureReason()) + paragraph("The link still works; try again later."));
            default:
                return page(500, "Unexpected state", paragraph("The restart ended in state " + result.getStatus()
                    + "."));
        }
    }

    private static String target(PipelineTarget target) {
        return entry("Pipeline", target.getPipelineName()) + entry("Data factory", target.getFactoryName())
            + entry("Resource group", target.getResourceGroupName());
    }
}
