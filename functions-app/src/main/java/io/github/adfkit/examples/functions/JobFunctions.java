package io.github.adfkit.examples.functions;

import com.azure.core.util.logging.ClientLogger;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.AzureFunctionsAdapter;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;

import java.util.Objects;
import java.util.Optional;

/**
 * The WebHook-to-container-job function: an ADF WebHook activity POSTs {@code /api/jobs} with a {@link JobRequest}
 * body, the container starts on Azure Container Instances, the function answers 202, and the job's result reaches the
 * pipeline through its {@code callBackUri}, however long the job runs.
 */
public class JobFunctions {
    private static final ClientLogger LOGGER = new ClientLogger(JobFunctions.class);
    private static final ProcessWide<JobFunctions> DEFAULT = new ProcessWide<>(() -> {
        AppSettings settings = AppSettings.fromEnvironment();
        return new JobFunctions(StartJobHandler.fromSettings(settings),
            CallerAuthorization.entraIdBearer(settings.callerOptions()));
    });

    private final StartJobHandler jobs;
    private final HostHandler handler;

    /**
     * The constructor the Functions runtime uses: one container job client (and watcher) per process, configured
     * from the app settings; callers need an Entra ID token of an admitted identity, as for {@code /pause}.
     */
    public JobFunctions() {
        this.jobs = DEFAULT.get().jobs;
        this.handler = DEFAULT.get().handler;
    }

    /**
     * @param handler the endpoint, with the container job client it starts jobs with
     * @param callers who may start jobs; refused callers are throttled
     */
    public JobFunctions(StartJobHandler handler, CallerAuthorization callers) {
        this.jobs = handler;
        this.handler = new AuthorizedHandler(Objects.requireNonNull(callers, "callers")::isAuthorized,
            Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Starts a container job for an ADF WebHook activity.
     *
     * @param request the HTTP request
     * @return 202 once the job is recorded and launching, 400 with the reason, 401 for an unknown caller, or 429
     *     after too many refusals
     */
    @FunctionName("startJob")
    public HttpResponseMessage startJob(
        @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "jobs") HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, handler);
    }

    /**
     * Keeps stored jobs followed when no request arrives: every five minutes the Functions host wakes an instance,
     * which adopts the jobs a stopped instance left (with {@code ADFKIT_TABLES_ENDPOINT} set) and follows them to
     * their callback.
     *
     * @param timerInfo the timer's schedule status, unused
     */
    @FunctionName("resumeJobs")
    public void resumeJobs(@TimerTrigger(name = "timer", schedule = "0 */5 * * * *") String timerInfo) {
        int watched = jobs.keepWatching();
        LOGGER.atInfo().addKeyValue("watchedJobs", watched).log("This instance follows the stored container jobs.");
    }
}
