package io.github.adfkit.examples.functions;

import com.azure.core.credential.TokenCredential;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.adfkit.core.host.AzureFunctionsAdapter;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.pauserestart.PauseDataHandler;
import io.github.adfkit.pauserestart.PauseHandler;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.pauserestart.RestartPages;

import java.util.Optional;

/**
 * Pause a pipeline until a person follows a link, then resume it: {@code POST /api/pause} (an ADF Web activity gets
 * the restart link), {@code GET}/{@code POST /api/restart} (the page behind the link and its button) and
 * {@code GET /api/pause-data/{pauseId}} (the resumed pipeline reads its data back). All three are anonymous at the
 * Functions level: the pipeline endpoints admit only Microsoft Entra ID tokens of the configured managed identities
 * (the Web activity's MSI authentication, no key to keep), and the restart page is protected by its single-use token.
 */
public class PauseRestartFunctions {
    /** The route of the restart page, after the app's public base URL. */
    public static final String RESTART_PATH = "/api/restart";

    private static final ProcessWide<PauseRestartFunctions> DEFAULT = new ProcessWide<>(
        () -> fromSettings(AppSettings.fromEnvironment()));

    private final PauseHandler pause;
    private final RestartPages restart;
    private final PauseDataHandler pauseData;

    /**
     * The constructor the Functions runtime uses: one client per process, configured from the app settings.
     */
    public PauseRestartFunctions() {
        this(DEFAULT.get());
    }

    /**
     * @param client the client that pauses, restarts and reads pause data
     * @param pipelines who may call {@code pause} and {@code pause-data}
     */
    public PauseRestartFunctions(PauseRestartClient client, CallerAuthorization pipelines) {
        this.pause = new PauseHandler(client, pipelines);
        this.restart = new RestartPages(client);
        this.pauseData = new PauseDataHandler(client, pipelines);
    }

    private PauseRestartFunctions(PauseRestartFunctions shared) {
        this.pause = shared.pause;
        this.restart = shared.restart;
        this.pauseData = shared.pauseData;
    }

    /**
     * Builds the functions from the app settings: pauses in Table storage and restarts through the Data Factory
     * management API, both with the app's identity; restart links on the app's public base URL; callers checked
     * against the configured tenant, audience and managed identities.
     *
     * @param settings the app settings
     * @return the functions
     * @throws IllegalStateException naming a missing setting
     */
    public static PauseRestartFunctions fromSettings(AppSettings settings) {
        TokenCredential credential = settings.credential();
        PauseRestartClient client = new PauseRestartClientBuilder()
            .endpoint(settings.required(AppSettings.TABLES_ENDPOINT))
            .credential(credential)
            .restartPageUrl(settings.required(AppSettings.PUBLIC_BASE_URL).replaceAll("/+$", "") + RESTART_PATH)
            .buildClient();
        return new PauseRestartFunctions(client, CallerAuthorization.entraIdBearer(settings.callerOptions()));
    }

    /**
     * Pauses: answers 201 with the pause id and the restart link.
     *
     * @param request the HTTP request
     * @return the ticket, or 400/401 with the reason
     */
    @FunctionName("pause")
    public HttpResponseMessage pause(
        @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "pause") HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, pause);
    }

    /**
     * The page behind a restart link: {@code GET} asks for confirmation and changes nothing, {@code POST} resumes.
     *
     * @param request the HTTP request
     * @return an HTML page
     */
    @FunctionName("restart")
    public HttpResponseMessage restart(
        @HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.POST},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "restart") HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, restart);
    }

    /**
     * Returns the data a paused pipeline handed over.
     *
     * @param request the HTTP request
     * @return the data, or 401/404 with the reason
     */
    @FunctionName("pauseData")
    public HttpResponseMessage pauseData(
        @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "pause-data/{pauseId}") HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, pauseData);
    }
}
