package io.github.adfkit.examples.functions;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.TableServiceClient;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.InvalidWebhookRequestException;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The WebHook-to-container-job endpoint: parses the ADF WebHook request, starts the {@link JobRequest}'s container in
 * the configured resource group and region, and answers 202 at once; adfkit watches the job and reports its result to
 * the {@code callBackUri}. A bad request is answered 400 with the reason, and nothing is started.
 */
public final class StartJobHandler implements HostHandler {
    /** The table that records running jobs and their pending callbacks when a Table endpoint is set. */
    public static final String JOB_TABLE = "adfkitjobs";

    private final ContainerJobClient client;
    private final String resourceGroup;
    private final String location;
    private final WebhookRequestOptions options;
    private boolean stored;

    /**
     * @param client the client that runs the jobs
     * @param resourceGroup the resource group the jobs run in
     * @param location the Azure region the jobs run in
     * @param options how WebHook requests are checked (the callback host allow-list)
     */
    public StartJobHandler(ContainerJobClient client, String resourceGroup, String location,
        WebhookRequestOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.resourceGroup = Objects.requireNonNull(resourceGroup, "resourceGroup");
        this.location = Objects.requireNonNull(location, "location");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Builds the handler from the app settings: the app's identity, the subscription, resource group and region, the
     * registries WebHook jobs may run images from, and, when a Table endpoint is set, the {@value #JOB_TABLE} job
     * store with its sealing key (jobs left by a stopped instance are resumed).
     *
     * @param settings the app settings
     * @return the handler
     * @throws IllegalStateException naming a missing setting
     */
    public static StartJobHandler fromSettings(AppSettings settings) {
        TokenCredential credential = settings.credential();
        ContainerImagePolicy images = ContainerImagePolicy.none();
        for (String registry : settings.required(AppSettings.IMAGE_REGISTRIES).split(",")) {
            images = images.allowRegistry(registry.trim());
        }
        ContainerJobClientBuilder builder = new ContainerJobClientBuilder().credential(credential)
            .subscriptionId(settings.required(AppSettings.SUBSCRIPTION_ID)).webhookImagePolicy(images);
        Optional<TableClient> jobTable = settings.tableService(credential)
            .map(service -> jobTable(service, credential));
        jobTable.ifPresent(table -> builder.tableClient(table).sealingKeys(SealingKeys.of("app",
            Base64.getDecoder().decode(settings.required(AppSettings.SEALING_KEY)))));
        StartJobHandler handler = new StartJobHandler(builder.buildClient(),
            settings.required(AppSettings.RESOURCE_GROUP), settings.required(AppSettings.LOCATION),
            new WebhookRequestOptions());
        handler.stored = jobTable.isPresent();
        handler.keepWatching();
        return handler;
    }

    /**
     * Makes sure this instance follows the stored jobs (the job store's adoption of jobs whose host stopped runs from
     * the first call on; later calls do nothing), and tells how many jobs it follows now.
     *
     * @return the number of jobs this instance watches
     */
    public int keepWatching() {
        if (stored) {
            client.getWatcher().resumeStoredJobs();
        }
        return client.getWatcher().getWatchedJobCount();
    }

    private static TableClient jobTable(TableServiceClient service, TokenCredential credential) {
        service.createTableIfNotExists(JOB_TABLE);
        return new TableClientBuilder().endpoint(service.getServiceEndpoint()).credential(credential)
            .tableName(JOB_TABLE).buildClient();
    }

    /**
     * Starts the job a WebHook request describes.
     *
     * @param request the request ADF sent
     * @return 202 with the container group's name, or 400 with the reason
     */
    @Override
    public HostResponse handle(HostRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return HostResponse.error(405, "Call this endpoint from an ADF WebHook activity (POST).")
                .withHeader("Allow", "POST");
        }
        try {
            WebhookRequest webhook = WebhookRequest.parse(request.getBody(), options);
            ContainerJobStatus started = client.startForWebhook(webhook, spec(webhook.getBodyAs(JobRequest.class)));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resourceGroup", started.getResourceGroup());
            body.put("groupName", started.getGroupName());
            body.put("state", started.getState());
            return HostResponse.json(202, body);
        } catch (InvalidWebhookRequestException | IllegalArgumentException refused) {
            return HostResponse.error(400, refused.getMessage());
        }
    }

    private ContainerJobSpec spec(JobRequest job) {
        if (job.image() == null || job.image().isBlank()) {
            throw new IllegalArgumentException("The WebHook body needs \"image\": the image and tag to run, such as "
                + "myacr.azurecr.io/report:1.4.");
        }
        if (job.command() != null && job.command().contains(null)) {
            throw new IllegalArgumentException("\"command\" must be an array of strings, without null.");
        }
        ContainerJobSpec spec = new ContainerJobSpec(resourceGroup, location, job.image())
            .setParameters(job.parameters());
        return job.command() == null ? spec : spec.setCommand(job.command());
    }
}
