package io.github.adfkit.aci.models;

import com.azure.core.annotation.Fluent;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything about one container job: what to run, with what, where, and what to do around it. Required values
 * come through the constructor; everything else has a default.
 *
 * <pre>{@code
 * ContainerJobSpec spec = new ContainerJobSpec("rg-jobs", "westeurope", "myacr.azurecr.io/report:1.4")
 *     .setCommand(List.of("python", "report.py"))
 *     .setEnvironmentVariables(Map.of("MODE", "monthly"))
 *     .setSecureEnvironmentVariables(Map.of("API_KEY", apiKey))
 *     .setParameters(Map.of("month", "2026-10"))
 *     .setTimeout(Duration.ofHours(12));
 * }</pre>
 *
 * <p>Checked when the job is started: a bad value is refused with an {@link IllegalArgumentException} that names
 * it, before any request is sent.</p>
 */
@Fluent
public final class ContainerJobSpec {
    /** The environment variable that carries {@link #setParameters(Object) the parameters} as JSON text. */
    public static final String PARAMETERS_VARIABLE = "ADFKIT_JOB_PARAMETERS";
    /** The default CPU cores. */
    public static final double DEFAULT_CPU = 1.0;
    /** The default memory in GB. */
    public static final double DEFAULT_MEMORY_IN_GB = 1.5;
    /** The default timeout: a job that runs longer is stopped and cleaned up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(24);
    /** How many log lines are read at the end by default. */
    public static final int DEFAULT_LOG_TAIL_LINES = 100;
    /** How many of the latest log lines each read asks for while {@link #setLogListener(Consumer) streaming}. */
    public static final int DEFAULT_LOG_STREAM_TAIL_LINES = 1000;
    /** The default container name inside the group. */
    public static final String DEFAULT_CONTAINER_NAME = "job";

    private final String resourceGroup;
    private final String location;
    private final String image;
    private String groupName;
    private String containerName = DEFAULT_CONTAINER_NAME;
    private List<String> command = List.of();
    private Map<String, String> environmentVariables = Map.of();
    private Map<String, String> secureEnvironmentVariables = Map.of();
    private Object parameters;
    private boolean parametersSecure;
    private double cpu = DEFAULT_CPU;
    private double memoryInGb = DEFAULT_MEMORY_IN_GB;
    private int gpuCount;
    private String gpuSku;
    private OsType osType = OsType.LINUX;
    private RestartPolicy restartPolicy = RestartPolicy.NEVER;
    private ContainerPriority priority = ContainerPriority.REGULAR;
    private ContainerJobRetryPolicy retryPolicy = ContainerJobRetryPolicy.none();
    private PipelineRunReference pipelineRun;
    private RegistryCredential registryCredential;
    private boolean systemAssignedIdentity;
    private List<String> userAssignedIdentities = List.of();
    private List<String> subnetIds = List.of();
    private List<String> dnsNameServers = List.of();
    private Map<String, String> tags = Map.of();
    private List<AzureFileVolume> volumes = List.of();
    private List<Integer> publicPorts = List.of();
    private String dnsNameLabel;
    private String logAnalyticsWorkspaceId;
    private String logAnalyticsWorkspaceKey;
    private ExistingGroupPolicy existingGroupPolicy = ExistingGroupPolicy.FAIL;
    private CleanupPolicy cleanupPolicy = CleanupPolicy.DELETE_ALWAYS;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Duration expectedDuration;
    private int logTailLines = DEFAULT_LOG_TAIL_LINES;
    private Consumer<String> logListener;
    private int logStreamTailLines = DEFAULT_LOG_STREAM_TAIL_LINES;
    private Map<String, Object> groupPropertiesOverride = Map.of();
    private Map<String, Object> containerPropertiesOverride = Map.of();

    /**
     * @param resourceGroup the resource group the container group is created in (it must exist)
     * @param location the Azure region, such as {@code westeurope}
     * @param image the image and tag, such as {@code myacr.azurecr.io/job:1.2}
     */
    public ContainerJobSpec(String resourceGroup, String location, String image) {
        this.resourceGroup = Objects.requireNonNull(resourceGroup, "'resourceGroup' cannot be null.");
        this.location = Objects.requireNonNull(location, "'location' cannot be null.");
        this.image = Objects.requireNonNull(image, "'image' cannot be null.");
    }

    /**
     * @return the resource group
     */
    public String getResourceGroup() {
        return resourceGroup;
    }

    /**
     * @return the Azure region
     */
    public String getLocation() {
        return location;
    }

    /**
     * @return the image and tag
     */
    public String getImage() {
        return image;
    }

    /**
     * @return the group name, or {@code null} to have one generated
     */
    public String getGroupName() {
        return groupName;
    }

    /**
     * Names the container group. Without a name adfkit generates a valid, unique one from the image name.
     *
     * @param groupName 1 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit
     * @return this spec
     */
    public ContainerJobSpec setGroupName(String groupName) {
        this.groupName = groupName;
        return this;
    }

    /**
     * @return the container name inside the group
     */
    public String getContainerName() {
        return containerName;
    }

    /**
     * @param containerName the container name inside the group; default {@value #DEFAULT_CONTAINER_NAME}
     * @return this spec
     */
    public ContainerJobSpec setContainerName(String containerName) {
        this.containerName = Objects.requireNonNull(containerName, "'containerName' cannot be null.");
        return this;
    }

    /**
     * @return the command, or an empty list for the image's own entry point
     */
    public List<String> getCommand() {
        return command;
    }

    /**
     * @param command the command and its arguments, one element each (no shell splitting)
     * @return this spec
     */
    public ContainerJobSpec setCommand(List<String> command) {
        this.command = List.copyOf(Objects.requireNonNull(command, "'command' cannot be null."));
        return this;
    }

    /**
     * @return the plain environment variables
     */
    public Map<String, String> getEnvironmentVariables() {
        return environmentVariables;
    }

    /**
     * @param environmentVariables plain environment variables; their values appear in the Azure portal and ARM
     * @return this spec
     */
    public ContainerJobSpec setEnvironmentVariables(Map<String, String> environmentVariables) {
        this.environmentVariables = copy(environmentVariables, "environmentVariables");
        return this;
    }

    /**
     * @return the secure environment variables
     */
    public Map<String, String> getSecureEnvironmentVariables() {
        return secureEnvironmentVariables;
    }

    /**
     * @param secureEnvironmentVariables environment variables sent as {@code secureValue}: ARM never returns them,
     *     and adfkit never logs them
     * @return this spec
     */
    public ContainerJobSpec setSecureEnvironmentVariables(Map<String, String> secureEnvironmentVariables) {
        this.secureEnvironmentVariables = copy(secureEnvironmentVariables, "secureEnvironmentVariables");
        return this;
    }

    /**
     * @return the parameters object, or {@code null}
     */
    public Object getParameters() {
        return parameters;
    }

    /**
     * Parameters for the job, delivered to the container as JSON text in the environment variable
     * {@value #PARAMETERS_VARIABLE}.
     *
     * @param parameters anything that serializes to a JSON object: a map, a record, a {@code BinaryData}
     *     (such as the ADF WebHook body)
     * @return this spec
     */
    public ContainerJobSpec setParameters(Object parameters) {
        this.parameters = parameters;
        return this;
    }

    /**
     * @return {@code true} if the parameters are sent as a secure value
     */
    public boolean isParametersSecure() {
        return parametersSecure;
    }

    /**
     * @param parametersSecure send the parameters variable as {@code secureValue} (when they hold secrets)
     * @return this spec
     */
    public ContainerJobSpec setParametersSecure(boolean parametersSecure) {
        this.parametersSecure = parametersSecure;
        return this;
    }

    /**
     * @return the CPU cores
     */
    public double getCpu() {
        return cpu;
    }

    /**
     * @param cpu CPU cores, such as {@code 0.5} or {@code 2}; default {@value #DEFAULT_CPU}
     * @return this spec
     */
    public ContainerJobSpec setCpu(double cpu) {
        this.cpu = cpu;
        return this;
    }

    /**
     * @return the memory in GB
     */
    public double getMemoryInGb() {
        return memoryInGb;
    }

    /**
     * @param memoryInGb memory in GB; default {@value #DEFAULT_MEMORY_IN_GB}
     * @return this spec
     */
    public ContainerJobSpec setMemoryInGb(double memoryInGb) {
        this.memoryInGb = memoryInGb;
        return this;
    }

    /**
     * @return the number of GPUs, 0 for none
     */
    public int getGpuCount() {
        return gpuCount;
    }

    /**
     * @return the GPU SKU, or {@code null}
     */
    public String getGpuSku() {
        return gpuSku;
    }

    /**
     * Asks for GPUs (only some regions offer them).
     *
     * @param count how many, at least 1
     * @param sku the GPU SKU, such as {@code V100}
     * @return this spec
     */
    public ContainerJobSpec setGpu(int count, String sku) {
        this.gpuCount = count;
        this.gpuSku = Objects.requireNonNull(sku, "'sku' cannot be null.");
        return this;
    }

    /**
     * @return the operating system
     */
    public OsType getOsType() {
        return osType;
    }

    /**
     * @param osType the operating system; default {@link OsType#LINUX}
     * @return this spec
     */
    public ContainerJobSpec setOsType(OsType osType) {
        this.osType = Objects.requireNonNull(osType, "'osType' cannot be null.");
        return this;
    }

    /**
     * @return the restart policy
     */
    public RestartPolicy getRestartPolicy() {
        return restartPolicy;
    }

    /**
     * @param restartPolicy the restart policy; default {@link RestartPolicy#NEVER}
     * @return this spec
     */
    public ContainerJobSpec setRestartPolicy(RestartPolicy restartPolicy) {
        this.restartPolicy = Objects.requireNonNull(restartPolicy, "'restartPolicy' cannot be null.");
        return this;
    }

    /**
     * @return the priority
     */
    public ContainerPriority getPriority() {
        return priority;
    }

    /**
     * @param priority {@link ContainerPriority#SPOT} for cheaper, evictable capacity; default regular
     * @return this spec
     */
    public ContainerJobSpec setPriority(ContainerPriority priority) {
        this.priority = Objects.requireNonNull(priority, "'priority' cannot be null.");
        return this;
    }

    /**
     * @return when the job is run again after a failed attempt; default {@link ContainerJobRetryPolicy#none()}
     */
    public ContainerJobRetryPolicy getRetryPolicy() {
        return retryPolicy;
    }

    /**
     * @param retryPolicy when the job is run again after a failed attempt, for example
     *     {@link ContainerJobRetryPolicy#onTransientFailures} with Spot priority
     * @return this spec
     */
    public ContainerJobSpec setRetryPolicy(ContainerJobRetryPolicy retryPolicy) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "'retryPolicy' cannot be null.");
        return this;
    }

    /**
     * @return the ADF pipeline run the job follows, or {@code null}
     */
    public PipelineRunReference getPipelineRun() {
        return pipelineRun;
    }

    /**
     * Makes the job follow an ADF pipeline run: at each poll the run's status is read, and once it is
     * {@code Cancelled} or {@code Failed} the group is stopped and cleaned up and the job ends as cancelled, without
     * a callback. {@code startForWebhook} sets it from the WebHook body's {@code pipelineRun} object when the spec
     * has none.
     *
     * @param pipelineRun the run, or {@code null} for none
     * @return this spec
     */
    public ContainerJobSpec setPipelineRun(PipelineRunReference pipelineRun) {
        this.pipelineRun = pipelineRun;
        return this;
    }

    /**
     * @return the private registry login, or {@code null}
     */
    public RegistryCredential getRegistryCredential() {
        return registryCredential;
    }

    /**
     * @param registryCredential how to log in to a private registry; {@code null} for a public image
     * @return this spec
     */
    public ContainerJobSpec setRegistryCredential(RegistryCredential registryCredential) {
        this.registryCredential = registryCredential;
        return this;
    }

    /**
     * @return {@code true} if the group gets a system-assigned identity
     */
    public boolean isSystemAssignedIdentity() {
        return systemAssignedIdentity;
    }

    /**
     * @param systemAssignedIdentity give the group a system-assigned managed identity
     * @return this spec
     */
    public ContainerJobSpec setSystemAssignedIdentity(boolean systemAssignedIdentity) {
        this.systemAssignedIdentity = systemAssignedIdentity;
        return this;
    }

    /**
     * @return the resource ids of the user-assigned identities
     */
    public List<String> getUserAssignedIdentities() {
        return userAssignedIdentities;
    }

    /**
     * @param userAssignedIdentities resource ids of user-assigned managed identities for the group
     * @return this spec
     */
    public ContainerJobSpec setUserAssignedIdentities(List<String> userAssignedIdentities) {
        this.userAssignedIdentities = List.copyOf(
            Objects.requireNonNull(userAssignedIdentities, "'userAssignedIdentities' cannot be null."));
        return this;
    }

    /**
     * @return the subnet resource ids
     */
    public List<String> getSubnetIds() {
        return subnetIds;
    }

    /**
     * @param subnetIds resource ids of the subnets to put the group in (a private group)
     * @return this spec
     */
    public ContainerJobSpec setSubnetIds(List<String> subnetIds) {
        this.subnetIds = List.copyOf(Objects.requireNonNull(subnetIds, "'subnetIds' cannot be null."));
        return this;
    }

    /**
     * @return the DNS name servers
     */
    public List<String> getDnsNameServers() {
        return dnsNameServers;
    }

    /**
     * @param dnsNameServers DNS servers for the group, such as {@code 10.0.0.10}
     * @return this spec
     */
    public ContainerJobSpec setDnsNameServers(List<String> dnsNameServers) {
        this.dnsNameServers = List.copyOf(Objects.requireNonNull(dnsNameServers, "'dnsNameServers' cannot be null."));
        return this;
    }

    /**
     * @return the tags
     */
    public Map<String, String> getTags() {
        return tags;
    }

    /**
     * @param tags tags for the group (cost reports, ownership)
     * @return this spec
     */
    public ContainerJobSpec setTags(Map<String, String> tags) {
        this.tags = copy(tags, "tags");
        return this;
    }

    /**
     * @return the Azure Files shares to mount
     */
    public List<AzureFileVolume> getVolumes() {
        return volumes;
    }

    /**
     * @param volumes Azure Files shares to mount into the container
     * @return this spec
     */
    public ContainerJobSpec setVolumes(List<AzureFileVolume> volumes) {
        this.volumes = List.copyOf(Objects.requireNonNull(volumes, "'volumes' cannot be null."));
        return this;
    }

    /**
     * @return the TCP ports opened on a public IP address
     */
    public List<Integer> getPublicPorts() {
        return publicPorts;
    }

    /**
     * Gives the group a public IP address with these TCP ports open (jobs rarely need one).
     *
     * @param publicPorts the ports, 1 to 65535
     * @return this spec
     */
    public ContainerJobSpec setPublicPorts(List<Integer> publicPorts) {
        this.publicPorts = List.copyOf(Objects.requireNonNull(publicPorts, "'publicPorts' cannot be null."));
        return this;
    }

    /**
     * @return the DNS name label of the public IP address, or {@code null}
     */
    public String getDnsNameLabel() {
        return dnsNameLabel;
    }

    /**
     * @param dnsNameLabel the DNS name label of the public IP address ({@code <label>.<region>.azurecontainer.io});
     *     needs {@link #setPublicPorts(List)}
     * @return this spec
     */
    public ContainerJobSpec setDnsNameLabel(String dnsNameLabel) {
        this.dnsNameLabel = dnsNameLabel;
        return this;
    }

    /**
     * @return the Log Analytics workspace id, or {@code null}
     */
    public String getLogAnalyticsWorkspaceId() {
        return logAnalyticsWorkspaceId;
    }

    /**
     * @return the Log Analytics workspace key, or {@code null}
     */
    public String getLogAnalyticsWorkspaceKey() {
        return logAnalyticsWorkspaceKey;
    }

    /**
     * Sends the container's whole output and events to Log Analytics ({@code diagnostics.logAnalytics}): the full
     * logs of a long job, beyond the tail adfkit reads at the end.
     *
     * @param workspaceId the workspace id
     * @param workspaceKey the workspace key (a secret: sent only in the create request, never logged)
     * @return this spec
     */
    public ContainerJobSpec setLogAnalytics(String workspaceId, String workspaceKey) {
        this.logAnalyticsWorkspaceId = Objects.requireNonNull(workspaceId, "'workspaceId' cannot be null.");
        this.logAnalyticsWorkspaceKey = Objects.requireNonNull(workspaceKey, "'workspaceKey' cannot be null.");
        return this;
    }

    /**
     * @return what to do when the group exists
     */
    public ExistingGroupPolicy getExistingGroupPolicy() {
        return existingGroupPolicy;
    }

    /**
     * @param existingGroupPolicy what to do when a group with the name exists; default {@link ExistingGroupPolicy#FAIL}
     * @return this spec
     */
    public ContainerJobSpec setExistingGroupPolicy(ExistingGroupPolicy existingGroupPolicy) {
        this.existingGroupPolicy = Objects.requireNonNull(existingGroupPolicy, "'existingGroupPolicy' cannot be null.");
        return this;
    }

    /**
     * @return what happens to the group at the end
     */
    public CleanupPolicy getCleanupPolicy() {
        return cleanupPolicy;
    }

    /**
     * @param cleanupPolicy what happens to the group at the end; default {@link CleanupPolicy#DELETE_ALWAYS}
     * @return this spec
     */
    public ContainerJobSpec setCleanupPolicy(CleanupPolicy cleanupPolicy) {
        this.cleanupPolicy = Objects.requireNonNull(cleanupPolicy, "'cleanupPolicy' cannot be null.");
        return this;
    }

    /**
     * @return how long the job may run
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * @param timeout how long the job may run, from its start request; after that it is stopped and cleaned up.
     *     Default 24 hours.
     * @return this spec
     */
    public ContainerJobSpec setTimeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "'timeout' cannot be null.");
        return this;
    }

    /**
     * @return how long the container is expected to run, or {@code null} when no hint was given
     */
    public Duration getExpectedDuration() {
        return expectedDuration;
    }

    /**
     * A hint for the status polls: how long the container usually runs once started. The watcher then reads the
     * group's status rarely (at most every minute) until shortly before that time and every few seconds around it,
     * so the end is seen sooner for fewer ARM reads. Without a hint the watcher learns run times per image from the
     * jobs that finished in this process, and polls at a steady pace until it knows them.
     *
     * @param expectedDuration the usual run time; {@code null} for no hint (the default)
     * @return this spec
     * @throws IllegalArgumentException if the duration is zero or negative
     */
    public ContainerJobSpec setExpectedDuration(Duration expectedDuration) {
        if (expectedDuration != null && (expectedDuration.isZero() || expectedDuration.isNegative())) {
            throw new IllegalArgumentException("'expectedDuration' must be positive; was " + expectedDuration + ".");
        }
        this.expectedDuration = expectedDuration;
        return this;
    }

    /**
     * @return how many log lines are read at the end
     */
    public int getLogTailLines() {
        return logTailLines;
    }

    /**
     * @param logTailLines how many lines of output are read at the end (0 for none); default
     *     {@value #DEFAULT_LOG_TAIL_LINES}
     * @return this spec
     */
    public ContainerJobSpec setLogTailLines(int logTailLines) {
        this.logTailLines = logTailLines;
        return this;
    }

    /**
     * @return the listener that receives the container's output while it runs, or {@code null}
     */
    public Consumer<String> getLogListener() {
        return logListener;
    }

    /**
     * Streams the container's output while it runs, reading the latest {@value #DEFAULT_LOG_STREAM_TAIL_LINES}
     * lines at each poll: see {@link #setLogListener(Consumer, int)}.
     *
     * @param onLine receives each new line, or {@code null} for no streaming (the default)
     * @return this spec
     */
    public ContainerJobSpec setLogListener(Consumer<String> onLine) {
        return setLogListener(onLine, DEFAULT_LOG_STREAM_TAIL_LINES);
    }

    /**
     * @return how many of the latest log lines each streaming read asks for
     */
    public int getLogStreamTailLines() {
        return logStreamTailLines;
    }

    /**
     * Streams the container's output while it runs: at every poll of a running container adfkit also reads the
     * latest {@code tailLines} lines with ACI's timestamps, and hands each line it has not handed over before to
     * {@code onLine}, in order and without the timestamp; once the job ends it reads once more so the last lines are
     * not lost. A log read that fails is skipped (the next poll reads again) and never fails the job. The listener is
     * called on adfkit's threads, one line at a time; it should return quickly, and an exception it throws is logged
     * and ignored. Lines are what the container printed: adfkit does not log them. A job resumed on another host
     * from the job store is not streamed.
     *
     * @param onLine receives each new line, or {@code null} for no streaming (the default)
     * @param tailLines how many of the latest lines each read asks for (1 to 10000); a container that prints more
     *     than this between two polls loses the lines in between
     * @return this spec
     */
    public ContainerJobSpec setLogListener(Consumer<String> onLine, int tailLines) {
        this.logListener = onLine;
        this.logStreamTailLines = tailLines;
        return this;
    }

    /**
     * @return the JSON object merged into the container group's {@code properties}; empty for none
     */
    public Map<String, Object> getGroupPropertiesOverride() {
        return groupPropertiesOverride;
    }

    /**
     * An escape hatch for container group fields adfkit does not model (such as {@code initContainers} or
     * {@code volumes} of other kinds): once adfkit has built the PUT body, this JSON object (maps, lists, strings,
     * numbers, booleans) is merged into its {@code properties} with JSON merge-patch rules (RFC 7386: objects merge
     * key by key, anything else replaces, a {@code null} value removes the key). You own the validity of what you
     * add; ARM refuses what it does not accept. {@code containers} (use
     * {@link #setContainerPropertiesOverride(Map)}) and {@code restartPolicy} (use
     * {@link #setRestartPolicy(RestartPolicy)}) are refused, because adfkit relies on them.
     *
     * @param override the object to merge; empty for none (the default)
     * @return this spec
     */
    public ContainerJobSpec setGroupPropertiesOverride(Map<String, ?> override) {
        this.groupPropertiesOverride = copyOverride(override, "groupPropertiesOverride");
        return this;
    }

    /**
     * @return the JSON object merged into the job container's {@code properties}; empty for none
     */
    public Map<String, Object> getContainerPropertiesOverride() {
        return containerPropertiesOverride;
    }

    /**
     * Like {@link #setGroupPropertiesOverride(Map)}, for the job container's {@code properties} (such as
     * {@code livenessProbe}, {@code readinessProbe} or {@code volumeMounts}). {@code image} and
     * {@code environmentVariables} are refused: adfkit names the image in its diagnoses, and the environment
     * carries the parameters and the secure values (use the spec's setters).
     *
     * @param override the object to merge; empty for none (the default)
     * @return this spec
     */
    public ContainerJobSpec setContainerPropertiesOverride(Map<String, ?> override) {
        this.containerPropertiesOverride = copyOverride(override, "containerPropertiesOverride");
        return this;
    }

    private static Map<String, Object> copyOverride(Map<String, ?> override, String name) {
        Objects.requireNonNull(override, "'" + name + "' cannot be null.");
        return Collections.unmodifiableMap(new LinkedHashMap<>(override));
    }

    private static Map<String, String> copy(Map<String, String> map, String name) {
        Objects.requireNonNull(map, "'" + name + "' cannot be null.");
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
