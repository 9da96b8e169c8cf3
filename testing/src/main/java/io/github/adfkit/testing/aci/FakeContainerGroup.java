package io.github.adfkit.testing.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One container group on the fake: the definition it was created with (secrets removed, as ARM never returns them),
 * its scenario, and the instants that decide its state. Its state is a function of the fake's clock, so moving the
 * clock moves the group: Pending, then Running, then Terminated (or a failure).
 */
final class FakeContainerGroup {
    private final String id;
    private final String name;
    private final AciScenario scenario;
    private ObjectNode definition;
    private Instant startedAt;
    private Instant stoppedAt;
    private final Instant createdAt;
    private int run;

    FakeContainerGroup(String id, String name, ObjectNode definition, AciScenario scenario, Instant now) {
        this.id = id;
        this.name = name;
        this.scenario = scenario;
        this.definition = withoutSecrets(definition);
        this.startedAt = now;
        this.createdAt = now;
    }

    void update(ObjectNode newDefinition) {
        this.definition = withoutSecrets(newDefinition);
    }

    void start(Instant now) {
        startedAt = now;
        stoppedAt = null;
        run++;
    }

    /**
     * @return whether a GET still misses the group, as ARM may right after a create
     */
    boolean notYetReplicated(Instant now) {
        return now.isBefore(createdAt.plus(scenario.notFoundAfterCreate()));
    }

    private boolean evicted(Instant now) {
        return scenario.failure() == AciScenario.Failure.SPOT_EVICTED && run < scenario.evictions()
            && !now.isBefore(runEnd());
    }

    private boolean provisioningFailed(Instant now) {
        return scenario.failure() == AciScenario.Failure.PROVISIONING_FAILURE && !now.isBefore(runStart());
    }

    /**
     * The body of a 201 to a create, as the published {@code ContainerGroupsCreatePriority.json} shows it:
     * {@code provisioningState} and the group's state are {@code Created}, its events empty, and the containers
     * have no instance view yet.
     */
    ObjectNode createdView() {
        ObjectNode body = resource();
        ObjectNode properties = (ObjectNode) body.get("properties");
        properties.put("provisioningState", "Created");
        properties.putObject("instanceView").put("state", "Created").putArray("events");
        return body;
    }

    /**
     * The body of a 200 to a delete, as the published {@code ContainerGroupsDelete.json} shows it: the definition
     * with {@code provisioningState} {@code Succeeded} and no instance view.
     */
    ObjectNode deletedView() {
        ObjectNode body = resource();
        ((ObjectNode) body.get("properties")).put("provisioningState", "Succeeded");
        return body;
    }

    private ObjectNode resource() {
        ObjectNode body = definition.deepCopy();
        body.put("id", id).put("name", name).put("type", "Microsoft.ContainerInstance/containerGroups");
        return body;
    }

    void stop(Instant now) {
        if (stoppedAt == null) {
            stoppedAt = now;
        }
    }

    AciScenario scenario() {
        return scenario;
    }

    boolean isActive(Instant now) {
        String state = containerState(now);
        return "Running".equals(state) || "Waiting".equals(state) && (scenario.failure() == AciScenario.Failure.NONE
            || scenario.failure() == AciScenario.Failure.SPOT_EVICTED);
    }

    boolean logsAvailable(Instant now) {
        return scenario.failure() != AciScenario.Failure.IMAGE_PULL_FAILURE
            && scenario.failure() != AciScenario.Failure.PROVISIONING_FAILURE && !now.isBefore(runStart());
    }

    String containerState(Instant now) {
        if (stoppedAt != null) {
            return "Terminated";
        }
        if (now.isBefore(runStart()) || scenario.failure() == AciScenario.Failure.IMAGE_PULL_FAILURE
            || scenario.failure() == AciScenario.Failure.PROVISIONING_FAILURE) {
            return "Waiting";
        }
        return now.isBefore(runEnd()) ? "Running" : "Terminated";
    }

    /**
     * @return the ContainerGroup body a GET answers with at {@code now}
     */
    ObjectNode view(Instant now) {
        ObjectNode body = resource();
        ObjectNode properties = (ObjectNode) body.get("properties");
        String state = containerState(now);
        boolean pullFailed = scenario.failure() == AciScenario.Failure.IMAGE_PULL_FAILURE
            && !now.isBefore(runStart());
        properties.put("provisioningState", pullFailed || provisioningFailed(now) ? "Failed"
            : now.isBefore(runStart()) ? "Pending" : "Succeeded");
        ObjectNode groupView = properties.putObject("instanceView");
        groupView.put("state", groupState(state, pullFailed || provisioningFailed(now), now));
        ArrayNode groupEvents = groupView.putArray("events");
        if (provisioningFailed(now)) {
            // ContainerGroupsGet_Failed.json: the failure is the group's only event, and its type is Normal.
            event(groupEvents, "FailedMount", "Output: mount error(2): Permission denied", "Normal", 1);
        }
        if (evicted(now) && stoppedAt == null) {
            event(groupEvents, "SpotContainerGroupEvicted", "The Spot container group was evicted: Azure needed "
                + "the capacity back.", "Warning", 1);
        }
        for (JsonNode container : properties.path("containers")) {
            ObjectNode view = ((ObjectNode) container.get("properties")).putObject("instanceView");
            view.put("restartCount", 0);
            ObjectNode current = view.putObject("currentState").put("state", state);
            ArrayNode events = view.putArray("events");
            event(events, "Pulling", "pulling image \"" + image(container) + "\"", "Normal", 1);
            if (pullFailed) {
                current.put("detailStatus", "ErrImagePull");
                event(events, "Failed", "Failed to pull image \"" + image(container) + "\": manifest unknown: "
                    + "manifest tagged by the requested tag is not found", "Warning", 3);
                event(events, "BackOff", "Back-off pulling image \"" + image(container) + "\"", "Normal", 3);
            } else if (provisioningFailed(now)) {
                current.put("detailStatus", "");
                event(events, "Pulled", "Successfully pulled image \"" + image(container) + "\"", "Normal", 1);
            } else if (!"Waiting".equals(state)) {
                event(events, "Pulled", "Successfully pulled image \"" + image(container) + "\"", "Normal", 1);
                event(events, "Started", "Started container", "Normal", 1);
                current.put("startTime", runStart().toString());
            } else {
                current.put("detailStatus", "ContainerCreating");
            }
            if ("Terminated".equals(state) && evicted(now) && stoppedAt == null) {
                current.put("detailStatus", "Evicted").put("finishTime", runEnd().toString());
            } else if ("Terminated".equals(state)) {
                terminated(current, events);
            }
        }
        return body;
    }

    private void terminated(ObjectNode current, ArrayNode events) {
        if (stoppedAt != null && stoppedAt.isBefore(runEnd())) {
            current.put("detailStatus", "Stopped").put("finishTime", stoppedAt.toString());
            if (!stoppedAt.isBefore(runStart())) {
                current.put("exitCode", 143);
            }
            return;
        }
        boolean oom = scenario.failure() == AciScenario.Failure.OOM_KILLED;
        current.put("exitCode", scenario.exitCode())
            .put("detailStatus", oom ? "OOMKilled" : scenario.exitCode() == 0 ? "Completed" : "Error")
            .put("finishTime", runEnd().toString());
        if (oom) {
            event(events, "Killing", "Killing container: out of memory", "Warning", 1);
        }
    }

    private String groupState(String containerState, boolean pullFailed, Instant now) {
        if (stoppedAt != null || evicted(now)) {
            return "Stopped";
        }
        if (pullFailed || "Waiting".equals(containerState)) {
            return "Pending";
        }
        if ("Running".equals(containerState)) {
            return "Running";
        }
        return scenario.exitCode() == 0 ? "Succeeded" : "Failed";
    }

    /**
     * @param tail how many lines, or -1 for all
     * @param timestamps whether each line starts with the instant it was printed and a space, as ACI's
     *     {@code timestamps=true} does
     * @param now the fake's time: only the lines printed by then are there
     * @return the container's output
     */
    String logs(int tail, boolean timestamps, Instant now) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < scenario.logs().size() && !printedAt(i).isAfter(now); i++) {
            lines.add(timestamps ? printedAt(i) + " " + scenario.logs().get(i) : scenario.logs().get(i));
        }
        int from = tail < 0 ? 0 : Math.max(0, lines.size() - tail);
        return lines.isEmpty() ? "" : String.join("\n", lines.subList(from, lines.size())) + "\n";
    }

    private Instant printedAt(int line) {
        return runStart().plus(scenario.logLineInterval().multipliedBy(line));
    }

    private Instant runStart() {
        return startedAt.plus(scenario.pending());
    }

    private Instant runEnd() {
        return runStart().plus(scenario.running());
    }

    private static String image(JsonNode container) {
        return container.path("properties").path("image").asText();
    }

    private static void event(ArrayNode events, String name, String message, String type, int count) {
        events.addObject().put("name", name).put("message", message).put("type", type).put("count", count);
    }

    private static ObjectNode withoutSecrets(ObjectNode definition) {
        ObjectNode copy = definition.deepCopy();
        for (JsonNode container : copy.path("properties").path("containers")) {
            for (JsonNode variable : container.path("properties").path("environmentVariables")) {
                ((ObjectNode) variable).remove("secureValue");
            }
        }
        for (JsonNode credential : copy.path("properties").path("imageRegistryCredentials")) {
            ((ObjectNode) credential).remove("password");
        }
        for (JsonNode volume : copy.path("properties").path("volumes")) {
            if (volume.path("azureFile") instanceof ObjectNode azureFile) {
                azureFile.remove("storageAccountKey");
            }
        }
        if (copy.path("properties").path("diagnostics").path("logAnalytics") instanceof ObjectNode logAnalytics) {
            logAnalytics.remove("workspaceKey");
        }
        return copy;
    }
}
