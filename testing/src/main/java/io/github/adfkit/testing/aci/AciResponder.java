package io.github.adfkit.testing.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.adfkit.testing.implementation.NamedResponseTransformer;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the {@code Microsoft.ContainerInstance/containerGroups} operations as ARM does (api-versions 2023-05-01 and 2025-09-01
 * contract): PUT 201/200, GET 200/404, DELETE 200/202/204, POST start 202, stop 204, restart 204, and
 * {@code GET .../containers/{c}/logs?tail=n&timestamps=b}. Error bodies have ARM's {@code {"error": {"code", "message"}}} shape.
 */
final class AciResponder extends NamedResponseTransformer {
    static final String NAME = "adfkit-aci-fake";
    static final String GROUPS_PATH = "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/"
        + "Microsoft\\.ContainerInstance/containerGroups/([^/]+)(/.*)?";

    private static final Pattern GROUP = Pattern.compile(GROUPS_PATH);
    private static final Pattern LOGS = Pattern.compile("(?i)/containers/([^/]+)/logs");
    private static final Pattern VALID_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AciGroupRegistry registry;

    AciResponder(AciGroupRegistry registry) {
        super(NAME);
        this.registry = registry;
    }

    AciGroupRegistry registry() {
        return registry;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        URI uri = URI.create(request.getUrl());
        Matcher matcher = GROUP.matcher(uri.getRawPath());
        if (!matcher.matches()) {
            return error(404, "InvalidResourceType", "The resource type could not be found.");
        }
        String id = "/subscriptions/" + matcher.group(1) + "/resourceGroups/" + matcher.group(2)
            + "/providers/Microsoft.ContainerInstance/containerGroups/" + matcher.group(3);
        String rest = matcher.group(4) == null ? "" : matcher.group(4);
        String method = request.getMethod().getName();
        synchronized (registry) {
            Instant now = registry.now();
            FakeContainerGroup group = registry.find(id);
            if (rest.isEmpty()) {
                return switch (method) {
                    case "PUT" -> put(id, matcher.group(3), request.getBodyAsString(), now);
                    case "GET" -> group == null || group.notYetReplicated(now) ? notFound(matcher)
                        : json(200, group.view(now));
                    case "DELETE" -> delete(id, group, now);
                    default -> error(405, "MethodNotAllowed", "The method is not allowed.");
                };
            }
            if (group == null) {
                return notFound(matcher);
            }
            Matcher logs = LOGS.matcher(rest);
            if ("GET".equals(method) && logs.matches()) {
                return logs(group, logs.group(1), uri.getRawQuery(), now);
            }
            return switch (method + " " + rest.toLowerCase()) {
                case "POST /start" -> {
                    group.start(now);
                    yield ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                        .withHeader("Azure-AsyncOperation", operationUrl(matcher.group(1))).build();
                }
                case "POST /restart" -> {
                    group.start(now);
                    yield ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
                }
                case "POST /stop" -> {
                    group.stop(now);
                    yield ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
                }
                default -> error(404, "NotFound", "No such operation on a container group.");
            };
        }
    }

    private ResponseDefinition put(String id, String name, String body, Instant now) {
        ObjectNode definition;
        try {
            JsonNode parsed = MAPPER.readTree(body);
            if (!(parsed instanceof ObjectNode object)) {
                return error(400, "InvalidRequestContent", "The request content is not a JSON object.");
            }
            definition = object;
        } catch (IOException notJson) {
            return error(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized.");
        }
        String invalid = invalidDefinition(name, definition);
        if (invalid != null) {
            return error(400, "InvalidParameter", invalid);
        }
        FakeContainerGroup existing = registry.find(id);
        AciScenario scenario = registry.scenarioFor(name);
        String image = definition.path("properties").path("containers").path(0).path("properties").path("image")
            .asText();
        if (existing == null && scenario.failure() == AciScenario.Failure.INACCESSIBLE_IMAGE) {
            return error(400, "InaccessibleImage", "The image '" + image + "' in container group '" + name
                + "' is not accessible. Please check the image and registry credential.");
        }
        if (existing == null && scenario.failure() == AciScenario.Failure.QUOTA_EXCEEDED) {
            return error(409, "ServiceUnavailable", "Resource type 'Microsoft.ContainerInstance/containerGroups' "
                + "container group quota 'StandardCores' exceeded in region '" + definition.path("location").asText()
                + "'. Limit: '10', Usage: '10' Requested: '1'.");
        }
        if (existing != null) {
            existing.update(definition);
            return json(200, existing.view(now));
        }
        FakeContainerGroup created = registry.create(id, name, definition, scenario, now);
        return ResponseDefinitionBuilder.responseDefinition().withStatus(201)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withHeader("Azure-AsyncOperation", operationUrl(id.split("/")[2]))
            .withBody(created.createdView().toString()).build();
    }

    private ResponseDefinition delete(String id, FakeContainerGroup group, Instant now) {
        if (group == null) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(204).build();
        }
        // ContainerGroupsDelete.json: 200 with the group (no instance view), 202 with azure-asyncoperation, 204.
        if (group.scenario().deleteIgnored()) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                .withHeader("azure-asyncoperation", operationUrl(id.split("/")[2])).build();
        }
        ObjectNode last = group.deletedView();
        registry.delete(id, group.isActive(now));
        return json(200, last);
    }

    private static ResponseDefinition logs(FakeContainerGroup group, String container, String query, Instant now) {
        if (!group.logsAvailable(now)) {
            return error(404, "ContainerLogNotAvailable", "Log of container '" + container + "' is not available "
                + "yet. Please check container 'InstanceView' and try again.");
        }
        int tail = -1;
        boolean timestamps = false;
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("tail=")) {
                    tail = Integer.parseInt(pair.substring(5));
                }
                timestamps |= "timestamps=true".equalsIgnoreCase(pair);
            }
        }
        return json(200, MAPPER.createObjectNode().put("content", group.logs(tail, timestamps, now)));
    }

    private static String invalidDefinition(String name, ObjectNode definition) {
        if (name.length() > 63 || !VALID_NAME.matcher(name).matches()) {
            return "The container group name '" + name + "' is invalid.";
        }
        if (!definition.path("location").isTextual()) {
            return "The 'location' is required.";
        }
        JsonNode properties = definition.path("properties");
        if (!properties.path("osType").isTextual()) {
            return "The 'properties.osType' is required.";
        }
        JsonNode containers = properties.path("containers");
        if (!containers.isArray() || containers.isEmpty()) {
            return "The 'properties.containers' must have at least one container.";
        }
        for (JsonNode container : containers) {
            JsonNode requests = container.path("properties").path("resources").path("requests");
            if (!container.path("name").isTextual() || !container.path("properties").path("image").isTextual()
                || !requests.path("cpu").isNumber() || !requests.path("memoryInGB").isNumber()) {
                return "Each container needs 'name', 'properties.image' and 'properties.resources.requests' "
                    + "with 'cpu' and 'memoryInGB'.";
            }
            for (JsonNode variable : container.path("properties").path("environmentVariables")) {
                if (!variable.path("name").isTextual()) {
                    return "Each environment variable needs a 'name'.";
                }
            }
        }
        return null;
    }

    private static ResponseDefinition notFound(Matcher matcher) {
        return error(404, "ResourceNotFound", "The Resource 'Microsoft.ContainerInstance/containerGroups/"
            + matcher.group(3) + "' under resource group '" + matcher.group(2) + "' was not found.");
    }

    private String operationUrl(String subscription) {
        return registry.baseUrl() + "/subscriptions/" + subscription
            + "/providers/Microsoft.ContainerInstance/locations/fake/operations/" + UUID.randomUUID()
            + "?api-version=2023-05-01";
    }

    private static ResponseDefinition json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
            .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body.toString()).build();
    }

    private static ResponseDefinition error(int status, String code, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return json(status, body);
    }
}
