package io.github.adfkit.pauserestart;

import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.host.TrustedProxies;
import io.github.adfkit.core.implementation.EndpointResponses;
import io.github.adfkit.pauserestart.implementation.PauseRequestParser;
import io.github.adfkit.pauserestart.models.PauseTicket;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The endpoint the paused pipeline calls with an ADF Web activity to pause: {@code POST} a JSON object
 *
 * <pre>{@code
 * {"subscriptionId": "...", "resourceGroupName": "rg-data", "factoryName": "adf-sales",
 *  "pipelineName": "ResumeAfterApproval", "tenantId": "...",            // optional
 *  "data": {"batch": "2026-11-20"},                                      // optional, any JSON
 *  "expiresAfter": "PT72H", "pauseIdParameterName": "pauseId",           // optional
 *  "parameters": {"environment": "prod"},                                // optional, extra run parameters
 *  "emailMessage": "The sales load is ready for review."}               // optional
 * }</pre>
 *
 * <p>and get {@code 201 {"pauseId", "restartUrl", "expiresAt", "emailHtml"}} ({@code emailHtml} only with an
 * {@code emailMessage}). The restart URL is a secret: set {@code "secureOutput": true} on the Web activity so ADF's
 * monitoring does not show it, and pass it straight to the email step.</p>
 *
 * <p>Errors are {@code {"error": "..."}}: 401 when the {@link CallerAuthorization} refuses (checked first), 429 with
 * {@code Retry-After} once a caller has been refused ten times in a minute (so keys cannot be guessed), 400 for
 * a body that is not a valid pause request (nothing is stored), 405 for methods other than POST, 503 when storage is
 * unavailable.</p>
 */
public final class PauseHandler implements HostHandler {
    private final PauseRestartClient client;
    private final HostHandler guarded;

    /**
     * Creates the handler for callers that reach it directly (or through a proxy the server already resolved):
     * refusals are throttled per connection peer.
     *
     * @param client the client that pauses
     * @param authorization who may pause
     */
    public PauseHandler(PauseRestartClient client, CallerAuthorization authorization) {
        this(client, authorization, TrustedProxies.none());
    }

    /**
     * Creates the handler behind reverse proxies: refusals are throttled per caller, the client named by a trusted
     * proxy's {@code X-Forwarded-For}.
     *
     * @param client the client that pauses
     * @param authorization who may pause
     * @param proxies the proxies whose {@code X-Forwarded-For} names the caller
     */
    public PauseHandler(PauseRestartClient client, CallerAuthorization authorization, TrustedProxies proxies) {
        this.client = Objects.requireNonNull(client, "'client' cannot be null.");
        this.guarded = EndpointResponses.guarded(Objects.requireNonNull(authorization,
            "'authorization' cannot be null."), Objects.requireNonNull(proxies, "'proxies' cannot be null."),
            "POST", this::pause);
    }

    /**
     * Answers a pause request.
     *
     * @param request the request
     * @return 201 with the ticket, or a JSON error
     */
    @Override
    public HostResponse handle(HostRequest request) {
        return guarded.handle(request);
    }

    private HostResponse pause(HostRequest request) {
        PauseRequestParser.PauseRequest pause;
        PauseTicket ticket;
        try {
            pause = PauseRequestParser.parse(request.getBodyAsString());
            ticket = client.pause(pause.options());
        } catch (IllegalArgumentException invalid) {
            return EndpointResponses.badRequest(invalid.getMessage());
        } catch (PauseRestartException storageDown) {
            return EndpointResponses.storageUnavailable("nothing was paused");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pauseId", ticket.getPauseId());
        body.put("restartUrl", ticket.getRestartUrl());
        body.put("expiresAt", ticket.getExpiresAt());
        if (pause.emailMessage() != null) {
            body.put("emailHtml", ticket.toEmailHtml(pause.emailMessage()));
        }
        return EndpointResponses.noStore(HostResponse.json(201, body));
    }
}
