package io.github.adfkit.examples.functions;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.adfkit.core.host.AzureFunctionsAdapter;

import java.util.Objects;
import java.util.Optional;

/**
 * The WebHook-to-container-job function: an ADF WebHook activity POSTs {@code /api/jobs} with a {@link JobRequest}
 * body, the container starts on Azure Container Instances, the function answers 202, and the job's result reaches the
 * pipeline through its {@code callBackUri}, however long the job runs.
 */
public class JobFunctions {
    private static final ProcessWide<StartJobHandler> DEFAULT = new ProcessWide<>(
        () -> StartJobHandler.fromSettings(AppSettings.fromEnvironment()));

    private final StartJobHandler handler;

    /**
     * The constructor the Functions runtime uses: one container job client (and watcher) per process, configured
     * from the app settings.
     */
    public JobFunctions() {
        this(DEFAULT.get());
    }

    /**
     * @param handler the endpoint, with the container job client it starts jobs with
     */
    public JobFunctions(StartJobHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Starts a container job for an ADF WebHook activity.
     *
     * @param request the HTTP request
     * @return 202 once the job is recorded and launching, or 400 with the reason
     */
    @FunctionName("startJob")
    public HttpResponseMessage startJob(
        @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
            route = "jobs") HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, handler);
    }
}
