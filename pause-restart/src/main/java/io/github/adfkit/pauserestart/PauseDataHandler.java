package io.github.adfkit.pauserestart;

import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.host.TrustedProxies;
import io.github.adfkit.core.implementation.EndpointResponses;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.pauserestart.models.PauseData;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The endpoint a resumed pipeline reads its data from, with an ADF Web activity: {@code GET <path>/<pauseId>} or
 * {@code GET <path>?pauseId=<pauseId>}. It answers
 * {@code {"pauseId": "...", "createdAt": "...", "expiresAt": "...", "data": <the data as JSON>}}, so the pipeline
 * uses {@code @activity('Read pause data').output.data} directly, without {@code json()}.
 *
 * <p>Errors are {@code {"error": "..."}}: 401 when the {@link CallerAuthorization} refuses (checked before
 * anything else), 429 with {@code Retry-After} once a caller has been refused ten times in a minute, 400 for a malformed pause id (nothing is looked up), 404 for an unknown one, 405 for methods other
 * than GET, 503 when storage is unavailable.</p>
 *
 * <pre>{@code
 * CallerAuthorization key = CallerAuthorization.functionKey(System.getenv("PIPELINE_KEY"));
 * HostHandler data = new PauseDataHandler(pauses, key);
 * server.createContext("/api/pause-data", JdkHttpServerAdapter.adapt(data, 0));
 * }</pre>
 */
public final class PauseDataHandler implements HostHandler {
    private static final ClientLogger LOGGER = new ClientLogger(PauseDataHandler.class);

    private final PauseRestartClient client;
    private final HostHandler guarded;

    /**
     * Creates the handler for callers that reach it directly (or through a proxy the server already resolved):
     * refusals are throttled per connection peer.
     *
     * @param client the client that reads the data
     * @param authorization who may read it
     */
    public PauseDataHandler(PauseRestartClient client, CallerAuthorization authorization) {
        this(client, authorization, TrustedProxies.none());
    }

    /**
     * Creates the handler behind reverse proxies: refusals are throttled per caller, the client named by a trusted
     * proxy's {@code X-Forwarded-For}.
     *
     * @param client the client that reads the data
     * @param authorization who may read it
     * @param proxies the proxies whose {@code X-Forwarded-For} names the caller
     */
    public PauseDataHandler(PauseRestartClient client, CallerAuthorization authorization, TrustedProxies proxies) {
        this.client = Objects.requireNonNull(client, "'client' cannot be null.");
        this.guarded = EndpointResponses.guarded(Objects.requireNonNull(authorization,
            "'authorization' cannot be null."), Objects.requireNonNull(proxies, "'proxies' cannot be null."),
            "GET", this::read);
    }

    /**
     * Answers a request for pause data.
     *
     * @param request the request
     * @return the data as JSON, or a JSON error
     */
    @Override
    public HostResponse handle(HostRequest request) {
        return guarded.handle(request);
    }

    private HostResponse read(HostRequest request) {
        String pauseId = pauseId(request);
        if (!PauseRestartClient.isPauseId(pauseId)) {
            return EndpointResponses.badRequest("The pause id must be a lower-case UUID, in the path "
                + "(.../<pauseId>) or as ?pauseId=.");
        }
        PauseData data;
        try {
            data = client.getData(pauseId);
        } catch (PauseRestartException storageDown) {
            return EndpointResponses.storageUnavailable("nothing was read");
        }
        if (data == null) {
            return EndpointResponses.noStore(HostResponse.error(404, "No pause has id " + pauseId + "."));
        }
        return EndpointResponses.noStore(HostResponse.json(200, body(data)));
    }

    private static String pauseId(HostRequest request) {
        String fromQuery = request.getQueryParameter("pauseId");
        if (fromQuery != null) {
            return fromQuery;
        }
        String path = request.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static Map<String, Object> body(PauseData data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pauseId", data.getPauseId());
        body.put("createdAt", data.getCreatedAt());
        body.put("expiresAt", data.getExpiresAt());
        try {
            body.put("data", Json.mapper().readTree(data.getJson()));
        } catch (JsonProcessingException corrupt) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("The stored data of pause "
                + data.getPauseId() + " is not JSON.", corrupt));
        }
        return body;
    }
}
