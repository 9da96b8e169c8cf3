package io.github.adfkit.pauserestart;

import com.azure.core.annotation.ReturnType;
import com.azure.core.annotation.ServiceClient;
import com.azure.core.annotation.ServiceMethod;
import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.pauserestart.implementation.PauseStore;
import io.github.adfkit.pauserestart.implementation.PauseTokens;
import io.github.adfkit.pauserestart.implementation.Restarts;
import io.github.adfkit.pauserestart.models.PauseData;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.pauserestart.models.RestartStatus;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Pauses Data Factory pipelines and resumes them when a person follows a single-use link.
 *
 * <ul>
 *   <li>{@link #pause(PauseOptions)} stores the pipeline to resume and the data to hand over, and returns a
 *   {@link PauseTicket}: a 512-bit random token, the restart link built from the configured restart page URL, the
 *   expiry and a pause id. Table storage keeps only the token's SHA-256 hash.</li>
 *   <li>{@link #restart(String)} starts the pipeline once per token, whatever the number of concurrent clicks and
 *   whatever Data Factory answers and whichever host dies: the ticket is claimed with a conditional write before
 *   {@code createRun} and the claim is renewed while the restart runs; the started run is recorded in the ticket
 *   before it is marked used, so it is never started again; and a {@code createRun} that may have started a run
 *   (an ambiguous failure, or a host that died before recording it) is never repeated before the factory's runs
 *   were searched for the pause id.</li>
 *   <li>{@link #getData(String)} is what the resumed pipeline reads its data back with, by pause id.</li>
 * </ul>
 *
 * <pre>{@code
 * PauseRestartClient pauses = new PauseRestartClientBuilder()
 *     .endpoint("https://<account>.table.core.windows.net")
 *     .credential(new DefaultAzureCredentialBuilder().build())
 *     .restartPageUrl("https://pipelines.contoso.com/restart")
 *     .buildClient();
 * PauseTicket ticket = pauses.pause(new PauseOptions(target, Map.of("batch", "2026-11-20")));
 * sendMail(approver, ticket.toEmailHtml("The sales load is ready for review."));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; build one per host. Use {@link RestartPages} and
 * {@link PauseDataHandler} to serve the link and the data over HTTP.</p>
 */
@ServiceClient(builder = PauseRestartClientBuilder.class)
public final class PauseRestartClient {
    private static final ClientLogger LOGGER = new ClientLogger(PauseRestartClient.class);
    private static final Pattern PAUSE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final PauseStore store;
    private final Restarts restarts;
    private final SchedulingClock clock;
    private final String restartPageUrl;

    PauseRestartClient(PauseStore store, Restarts restarts, SchedulingClock clock, String restartPageUrl) {
        this.store = store;
        this.restarts = restarts;
        this.clock = clock;
        this.restartPageUrl = restartPageUrl;
    }

    /**
     * Pauses: stores the target, the parameters and the data, and issues a restart ticket.
     *
     * @param options the pipeline to resume, the data, the expiry and the parameters
     * @return the ticket; its token and link are secrets, send them only to the person who resumes
     * @throws IllegalArgumentException if the data or parameters do not serialize to JSON, the data is larger than
     * 32,000 JSON characters, or a parameter is named like the pause id parameter
     * @throws PauseRestartException if Table storage failed; nothing usable was stored, try again
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public PauseTicket pause(PauseOptions options) {
        Objects.requireNonNull(options, "'options' cannot be null.");
        if (options.getParameters().containsKey(options.getPauseIdParameterName())) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("The parameters must not contain '"
                + options.getPauseIdParameterName() + "': that parameter carries the pause id."));
        }
        String dataJson = toJson("data", options.getData());
        if (dataJson.length() > PauseStore.MAX_DATA_CHARACTERS) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("The data is " + dataJson.length()
                + " JSON characters; at most " + PauseStore.MAX_DATA_CHARACTERS + " fit. Store large data in Blob "
                + "storage and hand over its location."));
        }
        String parametersJson = toJson("parameters", options.getParameters());
        String token = PauseTokens.newToken();
        String pauseId = UUID.randomUUID().toString();
        Instant now = clock.now();
        Instant expiresAt = now.plus(options.getExpiresAfter());
        storage("store the pause", () -> {
            store.insert(PauseTokens.hash(token), pauseId, options.getTarget(), options.getPauseIdParameterName(),
                parametersJson, dataJson, now, expiresAt);
            return null;
        });
        LOGGER.atInfo().addKeyValue("pauseId", pauseId).addKeyValue("expiresAt", expiresAt).log("Pipeline paused.");
        return new PauseTicket(pauseId, token, restartPageUrl + "?token=" + token, expiresAt);
    }

    /**
     * Resumes: starts the paused pipeline if the token is valid, unused and unexpired. Concurrent calls with one token
     * start one run; the others answer {@link RestartStatus#ALREADY_USED}.
     *
     * @param token the token from the restart link, as the person's browser sent it
     * @return {@link RestartStatus#STARTED} with the run id, or why not: {@code MALFORMED_TOKEN} (nothing was looked
     * up), {@code UNKNOWN_TOKEN}, {@code EXPIRED}, {@code ALREADY_USED} (with when and the run id), or
     * {@code NOT_STARTED} (Data Factory did not start the run; the token can be used again)
     * @throws PauseRestartException if Table storage failed before anything was started; try again
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public RestartResult restart(String token) {
        return storage("restart", () -> restarts.restart(token));
    }

    /**
     * Tells what {@link #restart(String)} would do now, without doing it: the confirmation page shows this.
     *
     * @param token the token from the restart link
     * @return {@link RestartStatus#READY} with the target and expiry, or the reason a restart would be refused
     * @throws PauseRestartException if Table storage failed
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public RestartResult preview(String token) {
        return storage("look the token up", () -> restarts.preview(token));
    }

    /**
     * Reads the data a pause handed over, as the resumed pipeline does.
     *
     * @param pauseId the pause id (the resumed pipeline's parameter)
     * @return the data, or {@code null} if no pause has this id
     * @throws IllegalArgumentException if the pause id is not one adfkit issues (nothing is looked up)
     * @throws PauseRestartException if Table storage failed
     */
    @ServiceMethod(returns = ReturnType.SINGLE)
    public PauseData getData(String pauseId) {
        if (!isPauseId(pauseId)) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "A pause id is a lower-case UUID such as 0f8fad5b-d9cb-469f-a165-70867728950e."));
        }
        return storage("read the pause data", () -> store.findData(pauseId));
    }

    /**
     * @param candidate anything a caller sent
     * @return whether it has the shape of a pause id
     */
    static boolean isPauseId(String candidate) {
        return candidate != null && PAUSE_ID.matcher(candidate).matches();
    }

    private static String toJson(String what, Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException notSerializable) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("The " + what
                + " could not be serialized to JSON: " + notSerializable.getOriginalMessage(), notSerializable));
        }
    }

    private static <T> T storage(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | IllegalStateException bug) {
            throw bug;
        } catch (RuntimeException storageFailed) {
            throw LOGGER.logExceptionAsError(new PauseRestartException("Could not " + what
                + " because Table storage failed; try again: "
                + storageFailed.getClass().getSimpleName(), storageFailed));
        }
    }
}
