package io.github.adfkit.aci.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.aci.models.AzureFileVolume;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.RegistryCredential;
import io.github.adfkit.core.implementation.Json;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a {@link ContainerJobSpec} into the body of {@code PUT .../containerGroups/{name}}, field for field as the
 * ARM contract names them, after checking every value. A bad value is refused with an
 * {@link IllegalArgumentException} that names it; secure values never appear in a message.
 */
public final class ContainerGroupDefinition {
    /** The longest container group name ARM accepts. */
    public static final int MAX_GROUP_NAME_LENGTH = 63;

    private static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern RESOURCE_GROUP = Pattern.compile("[-\\w._()]{1,90}");
    /** A region as ARM accepts it: its name ({@code westus}) or display name ({@code West US}), in any case. */
    private static final Pattern LOCATION = Pattern.compile("[A-Za-z0-9]+( [A-Za-z0-9]+)*");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int SUFFIX_LENGTH = 10;
    private static final int MAX_PREFIX_LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContainerJobSpec spec;
    private final String groupName;
    private final String parametersJson;
    private final ObjectNode groupPropertiesOverride;
    private final ObjectNode containerPropertiesOverride;

    private ContainerGroupDefinition(ContainerJobSpec spec, String groupName, String parametersJson) {
        this.spec = spec;
        this.groupName = groupName;
        this.parametersJson = parametersJson;
        this.groupPropertiesOverride = PropertiesOverride.ofGroupProperties(spec.getGroupPropertiesOverride());
        this.containerPropertiesOverride =
            PropertiesOverride.ofContainerProperties(spec.getContainerPropertiesOverride());
    }

    /**
     * Checks a spec and fixes the group name (the given one, or a generated one).
     *
     * @param spec the job
     * @return the definition
     * @throws IllegalArgumentException naming the first bad value
     */
    public static ContainerGroupDefinition of(ContainerJobSpec spec) {
        require(RESOURCE_GROUP.matcher(spec.getResourceGroup()).matches() && !spec.getResourceGroup().endsWith("."),
            "'resourceGroup' must be 1 to 90 letters, digits, '-', '_', '.', '(' or ')' and not end with '.'; was '"
                + spec.getResourceGroup() + "'.");
        require(LOCATION.matcher(spec.getLocation().strip()).matches()
                && normalizeLocation(spec.getLocation()).length() >= 2,
            "'location' must be a region such as 'westeurope', 'WestEurope' or 'West Europe'; was '"
                + spec.getLocation() + "'.");
        require(!spec.getImage().isBlank() && spec.getImage().chars().noneMatch(Character::isWhitespace),
            "'image' must be an image reference such as 'myacr.azurecr.io/job:1.2'; was '" + spec.getImage() + "'.");
        require(CONTAINER_NAME.matcher(spec.getContainerName()).matches() && spec.getContainerName().length() <= 63,
            "'containerName' must be 1 to 63 lower-case letters, digits and '-', starting and ending with a letter "
                + "or digit; was '" + spec.getContainerName() + "'.");
        String name = spec.getGroupName() == null ? generateName(spec.getImage()) : spec.getGroupName();
        require(isValidGroupName(name), "'groupName' must be 1 to " + MAX_GROUP_NAME_LENGTH + " lower-case letters, "
            + "digits and '-', starting and ending with a letter or digit; was '" + name + "'.");
        require(spec.getCpu() > 0 && spec.getCpu() <= 64, "'cpu' must be more than 0 and at most 64; was "
            + spec.getCpu() + ".");
        require(spec.getMemoryInGb() > 0 && spec.getMemoryInGb() <= 256,
            "'memoryInGb' must be more than 0 and at most 256; was " + spec.getMemoryInGb() + ".");
        require(spec.getGpuSku() == null || spec.getGpuCount() >= 1,
            "GPU 'count' must be at least 1; was " + spec.getGpuCount() + ".");
        require(!spec.getTimeout().isNegative() && !spec.getTimeout().isZero(),
            "'timeout' must be positive; was " + spec.getTimeout() + ".");
        require(spec.getLogTailLines() >= 0 && spec.getLogTailLines() <= 10_000,
            "'logTailLines' must be 0 to 10000; was " + spec.getLogTailLines() + ".");
        require(spec.getLogStreamTailLines() >= 1 && spec.getLogStreamTailLines() <= 10_000,
            "The log listener's 'tailLines' must be 1 to 10000; was " + spec.getLogStreamTailLines() + ".");
        require(spec.getCommand().stream().noneMatch(argument -> argument == null),
            "'command' must not contain null arguments.");
        checkVariables(spec);
        checkVolumesAndPorts(spec);
        String parameters = spec.getParameters() == null ? null : parametersJson(spec.getParameters());
        return new ContainerGroupDefinition(spec, name, parameters);
    }

    /**
     * @param name a candidate group name
     * @return {@code true} if ARM accepts it
     */
    public static boolean isValidGroupName(String name) {
        return name != null && name.length() <= MAX_GROUP_NAME_LENGTH && GROUP_NAME.matcher(name).matches();
    }

    /**
     * ARM accepts a region by its name or its display name, in any case ({@code westus}, {@code WestUs},
     * {@code West US}; the published create example sends {@code "west us"} and is answered {@code "WestUs"}); adfkit
     * sends and records the name: lower case, without spaces.
     *
     * @param location a region as the caller wrote it
     * @return the region's name, such as {@code westus}
     */
    public static String normalizeLocation(String location) {
        return location.strip().replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @return the job's region, normalised as {@link #normalizeLocation(String)} says
     */
    public String location() {
        return normalizeLocation(spec.getLocation());
    }

    /**
     * @return the group name
     */
    public String groupName() {
        return groupName;
    }

    /**
     * @return the job
     */
    public ContainerJobSpec spec() {
        return spec;
    }

    /**
     * @param subscriptionId the subscription the group is created in
     * @return where the group lives
     */
    public ContainerGroupRef ref(String subscriptionId) {
        return new ContainerGroupRef(subscriptionId, spec.getResourceGroup(), groupName, spec.getContainerName());
    }

    /**
     * @return the ContainerGroup body for the PUT, with the spec's properties overrides merged in
     */
    public ObjectNode toBody() {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("location", location());
        if (!spec.getTags().isEmpty()) {
            ObjectNode tags = body.putObject("tags");
            spec.getTags().forEach(tags::put);
        }
        identity(body);
        ObjectNode properties = body.putObject("properties");
        properties.put("osType", spec.getOsType().toWireValue());
        properties.put("restartPolicy", spec.getRestartPolicy().toWireValue());
        properties.put("priority", spec.getPriority().toWireValue());
        container(properties.putArray("containers").addObject());
        RegistryCredential registry = spec.getRegistryCredential();
        if (registry != null) {
            ObjectNode credential = properties.putArray("imageRegistryCredentials").addObject()
                .put("server", registry.getServer());
            if (registry.getIdentityResourceId() != null) {
                credential.put("identity", registry.getIdentityResourceId());
            } else {
                credential.put("username", registry.getUsername()).put("password", registry.getPassword());
            }
        }
        if (!spec.getSubnetIds().isEmpty()) {
            ArrayNode subnets = properties.putArray("subnetIds");
            spec.getSubnetIds().forEach(id -> subnets.addObject().put("id", id));
        }
        if (!spec.getDnsNameServers().isEmpty()) {
            ArrayNode servers = properties.putObject("dnsConfig").putArray("nameServers");
            spec.getDnsNameServers().forEach(servers::add);
        }
        if (!spec.getPublicPorts().isEmpty()) {
            ObjectNode address = properties.putObject("ipAddress").put("type", "Public");
            ArrayNode ports = address.putArray("ports");
            spec.getPublicPorts().forEach(port -> ports.addObject().put("protocol", "TCP").put("port", port));
            if (spec.getDnsNameLabel() != null) {
                address.put("dnsNameLabel", spec.getDnsNameLabel());
            }
        }
        if (!spec.getVolumes().isEmpty()) {
            ArrayNode volumes = properties.putArray("volumes");
            spec.getVolumes().forEach(volume -> volumes.addObject().put("name", volume.getName())
                .putObject("azureFile").put("shareName", volume.getShareName())
                .put("storageAccountName", volume.getStorageAccountName())
                .put("storageAccountKey", volume.getStorageAccountKey())
                .put("readOnly", volume.isReadOnly()));
        }
        if (spec.getLogAnalyticsWorkspaceId() != null) {
            properties.putObject("diagnostics").putObject("logAnalytics")
                .put("workspaceId", spec.getLogAnalyticsWorkspaceId())
                .put("workspaceKey", spec.getLogAnalyticsWorkspaceKey());
        }
        PropertiesOverride.mergeInto(properties, groupPropertiesOverride);
        return body;
    }

    private void identity(ObjectNode body) {
        boolean user = !spec.getUserAssignedIdentities().isEmpty();
        if (!spec.isSystemAssignedIdentity() && !user) {
            return;
        }
        String type = spec.isSystemAssignedIdentity() && user ? "SystemAssigned, UserAssigned"
            : spec.isSystemAssignedIdentity() ? "SystemAssigned" : "UserAssigned";
        ObjectNode identity = body.putObject("identity").put("type", type);
        if (user) {
            ObjectNode identities = identity.putObject("userAssignedIdentities");
            spec.getUserAssignedIdentities().forEach(id -> identities.putObject(id));
        }
    }

    private void container(ObjectNode container) {
        container.put("name", spec.getContainerName());
        ObjectNode properties = container.putObject("properties");
        properties.put("image", spec.getImage());
        if (!spec.getCommand().isEmpty()) {
            ArrayNode command = properties.putArray("command");
            spec.getCommand().forEach(command::add);
        }
        ArrayNode variables = properties.putArray("environmentVariables");
        spec.getEnvironmentVariables().forEach((name, value) -> variables.addObject().put("name", name)
            .put("value", value));
        spec.getSecureEnvironmentVariables().forEach((name, value) -> variables.addObject().put("name", name)
            .put("secureValue", value));
        if (parametersJson != null) {
            variables.addObject().put("name", ContainerJobSpec.PARAMETERS_VARIABLE)
                .put(spec.isParametersSecure() ? "secureValue" : "value", parametersJson);
        }
        if (variables.isEmpty()) {
            properties.remove("environmentVariables");
        }
        if (!spec.getPublicPorts().isEmpty()) {
            ArrayNode ports = properties.putArray("ports");
            spec.getPublicPorts().forEach(port -> ports.addObject().put("protocol", "TCP").put("port", port));
        }
        if (!spec.getVolumes().isEmpty()) {
            ArrayNode mounts = properties.putArray("volumeMounts");
            spec.getVolumes().forEach(volume -> mounts.addObject().put("name", volume.getName())
                .put("mountPath", volume.getMountPath()).put("readOnly", volume.isReadOnly()));
        }
        ObjectNode requests = properties.putObject("resources").putObject("requests");
        requests.put("cpu", spec.getCpu()).put("memoryInGB", spec.getMemoryInGb());
        if (spec.getGpuSku() != null) {
            requests.putObject("gpu").put("count", spec.getGpuCount()).put("sku", spec.getGpuSku());
        }
        PropertiesOverride.mergeInto(properties, containerPropertiesOverride);
    }

    private static void checkVariables(ContainerJobSpec spec) {
        Set<String> seen = new HashSet<>();
        if (spec.getParameters() != null) {
            seen.add(ContainerJobSpec.PARAMETERS_VARIABLE);
        }
        for (Map<String, String> variables : List.of(spec.getEnvironmentVariables(),
            spec.getSecureEnvironmentVariables())) {
            for (Map.Entry<String, String> variable : variables.entrySet()) {
                String name = variable.getKey();
                require(name != null && VARIABLE_NAME.matcher(name).matches(), "Environment variable name '" + name
                    + "' must be letters, digits and '_', not starting with a digit.");
                require(variable.getValue() != null, "Environment variable '" + name + "' has no value.");
                require(seen.add(name), "Environment variable '" + name + "' is given twice (plain, secure or "
                    + "the parameters variable " + ContainerJobSpec.PARAMETERS_VARIABLE + ").");
            }
        }
    }

    private static void checkVolumesAndPorts(ContainerJobSpec spec) {
        Set<String> names = new HashSet<>();
        for (AzureFileVolume volume : spec.getVolumes()) {
            require(CONTAINER_NAME.matcher(volume.getName()).matches() && names.add(volume.getName()),
                "Volume name '" + volume.getName() + "' must be unique lower-case letters, digits and '-'.");
            require(volume.getMountPath().startsWith("/") || volume.getMountPath().matches("[A-Za-z]:\\\\.*"),
                "Volume '" + volume.getName() + "' needs an absolute mount path; was '" + volume.getMountPath() + "'.");
        }
        for (Integer port : spec.getPublicPorts()) {
            require(port != null && port >= 1 && port <= 65535, "Public port " + port + " must be 1 to 65535.");
        }
        require(spec.getDnsNameLabel() == null || !spec.getPublicPorts().isEmpty(),
            "'dnsNameLabel' needs a public IP address: set publicPorts too.");
    }

    private static String parametersJson(Object parameters) {
        JsonNode node;
        try {
            node = Json.mapper().valueToTree(parameters);
        } catch (IllegalArgumentException notSerializable) {
            throw new IllegalArgumentException("'parameters' could not be serialized to JSON.", notSerializable);
        }
        require(node != null && node.isObject(), "'parameters' must serialize to a JSON object (a map, a record or an "
            + "ObjectNode).");
        return node.toString();
    }

    private static String generateName(String image) {
        String repository = image;
        int slash = repository.lastIndexOf('/');
        repository = slash >= 0 ? repository.substring(slash + 1) : repository;
        int tagOrDigest = repository.indexOf(repository.contains("@") ? '@' : ':');
        repository = tagOrDigest >= 0 ? repository.substring(0, tagOrDigest) : repository;
        String slug = repository.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_PREFIX_LENGTH) {
            slug = slug.substring(0, MAX_PREFIX_LENGTH).replaceAll("-+$", "");
        }
        StringBuilder name = new StringBuilder(slug.isEmpty() ? "job" : slug).append('-');
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(RANDOM.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
