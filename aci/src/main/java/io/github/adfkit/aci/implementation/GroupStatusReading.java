package io.github.adfkit.aci.implementation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.adfkit.aci.models.ContainerJobEvent;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.aci.models.RestartPolicy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reading of one ACI container-group status answer (a GET of the group): what it says about the job, that is
 * its status, a message once it has ended, and the events. The container's own {@code instanceView.currentState}
 * decides (the group's state can lag behind it); a group whose provisioning failed is diagnosed from its events.
 *
 * @param status the job status
 * @param message what happened, once the job has ended; otherwise {@code null}
 * @param events the group's and the container's events
 */
public record GroupStatusReading(ContainerJobStatus status, String message, List<ContainerJobEvent> events) {
    private static final Set<String> GROUP_END_STATES = Set.of("succeeded", "failed", "stopped");
    private static final int SIGKILL_EXIT_CODE = 137;
    /**
     * The states a Spot group shows when Azure takes its host away: it turns Unhealthy, then Repairing, while the
     * container's state may still read Running (apache/airflow#47023).
     */
    private static final Set<String> SPOT_REPAIR_STATES = Set.of("unhealthy", "repairing");

    /**
     * Reads a GET answer.
     *
     * @param ref the group
     * @param group the ContainerGroup body
     * @param restartPolicy the job's restart policy (a terminated container of a restarting group may come back)
     * @param image the job's image, for messages
     * @param location the job's region, for messages
     * @return the reading
     */
    public static GroupStatusReading of(ContainerGroupRef ref, JsonNode group, RestartPolicy restartPolicy,
        String image, String location) {
        JsonNode properties = group.path("properties");
        JsonNode container = container(properties.path("containers"), ref.containerName());
        JsonNode view = container.path("properties").path("instanceView");
        JsonNode current = view.path("currentState");
        List<ContainerJobEvent> events = new ArrayList<>(events(properties.path("instanceView").path("events")));
        events.addAll(events(view.path("events")));
        String containerState = current.path("state").asText("");
        String groupState = properties.path("instanceView").path("state").asText("");
        String provisioning = properties.path("provisioningState").asText("");
        Integer exitCode = current.hasNonNull("exitCode") ? current.get("exitCode").asInt() : null;
        String detail = current.hasNonNull("detailStatus") ? current.get("detailStatus").asText() : null;
        OffsetDateTime start = time(current.path("startTime"));
        OffsetDateTime finish = time(current.path("finishTime"));

        boolean spotInterrupted = "Spot".equalsIgnoreCase(properties.path("priority").asText(""))
            && (SPOT_REPAIR_STATES.contains(provisioning.toLowerCase()) || SPOT_REPAIR_STATES.contains(
                groupState.toLowerCase()));
        if (spotInterrupted || isSpotEviction(events) && exitCode == null && ("Terminated".equalsIgnoreCase(
            containerState) || GROUP_END_STATES.contains(groupState.toLowerCase())
            || "Failed".equalsIgnoreCase(provisioning))) {
            return new GroupStatusReading(status(ref, ContainerJobState.FAILED, ContainerJobFailureReason.SPOT_EVICTED,
                exitCode, detail, start, finish), "Azure evicted the Spot container group to take its capacity back ("
                + (events.isEmpty() ? "group " + (groupState.isEmpty() ? provisioning : groupState)
                    : Diagnosis.quote(events)) + "). Run it again (a retry policy with SPOT_EVICTED does), or use regular "
                + "priority.", events);
        }
        boolean terminated = "Terminated".equalsIgnoreCase(containerState) && exitCode != null
            && (restartPolicy == RestartPolicy.NEVER || GROUP_END_STATES.contains(groupState.toLowerCase()));
        if (terminated) {
            if (exitCode == 0) {
                return new GroupStatusReading(status(ref, ContainerJobState.SUCCEEDED, null, exitCode, detail, start,
                    finish), "The container exited with code 0.", events);
            }
            boolean killed = "OOMKilled".equalsIgnoreCase(detail) || exitCode == SIGKILL_EXIT_CODE;
            ContainerJobFailureReason reason = killed ? ContainerJobFailureReason.KILLED
                : ContainerJobFailureReason.NON_ZERO_EXIT;
            String message = killed
                ? "The container was killed (" + (detail == null ? "SIGKILL" : detail) + ", exit code " + exitCode
                    + "); it most likely ran out of memory: raise memoryInGb or lower the job's memory use."
                : "The container exited with code " + exitCode + (detail == null ? "" : " (" + detail + ")")
                    + "; see the log tail.";
            return new GroupStatusReading(status(ref, ContainerJobState.FAILED, reason, exitCode, detail, start,
                finish), message, events);
        }
        if ("Failed".equalsIgnoreCase(provisioning)) {
            Diagnosis diagnosis = Diagnosis.ofFailedProvisioning(image, location, events);
            return new GroupStatusReading(status(ref, ContainerJobState.FAILED, diagnosis.reason(), exitCode, detail,
                start, finish), diagnosis.message(), events);
        }
        ContainerJobState state = "Running".equalsIgnoreCase(containerState) ? ContainerJobState.RUNNING
            : ContainerJobState.PENDING;
        return new GroupStatusReading(status(ref, state, null, null, detail, start, null), null, events);
    }

    /**
     * @param attemptStart when the current attempt began, or {@code null}
     * @return whether the container's end this shows is from before that: a state left from the attempt before,
     *     shown until ACI has restarted the group
     */
    public boolean endedBefore(java.time.Instant attemptStart) {
        return attemptStart != null && status.getFinishTime() != null
            && status.getFinishTime().toInstant().isBefore(attemptStart);
    }

    /**
     * @return {@code true} once the job has ended
     */
    public boolean isTerminal() {
        return status.getState().isTerminal();
    }

    /**
     * ACI does not publish the shape of a Spot eviction in its REST examples; its Spot documentation says an
     * evicted group is stopped. adfkit takes any event whose name or message speaks of an eviction (such as
     * {@code SpotContainerGroupEvicted}) on an ended group as one.
     */
    private static boolean isSpotEviction(List<ContainerJobEvent> events) {
        return events.stream().anyMatch(event -> (event.getName() + " " + event.getMessage())
            .toLowerCase(java.util.Locale.ROOT).contains("evict"));
    }

    private static ContainerJobStatus status(ContainerGroupRef ref, ContainerJobState state,
        ContainerJobFailureReason reason, Integer exitCode, String detail, OffsetDateTime start,
        OffsetDateTime finish) {
        return new ContainerJobStatus(ref.resourceGroup(), ref.groupName(), state, reason, exitCode, detail, start,
            finish);
    }

    private static JsonNode container(JsonNode containers, String name) {
        for (JsonNode container : containers) {
            if (name.equals(container.path("name").asText())) {
                return container;
            }
        }
        return containers.path(0);
    }

    private static List<ContainerJobEvent> events(JsonNode array) {
        List<ContainerJobEvent> events = new ArrayList<>();
        for (JsonNode event : array) {
            events.add(new ContainerJobEvent(event.path("name").asText(null), event.path("message").asText(null),
                event.path("type").asText(null), event.path("count").asInt(1), time(event.path("firstTimestamp")),
                time(event.path("lastTimestamp"))));
        }
        return events;
    }

    private static OffsetDateTime time(JsonNode value) {
        if (!value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException notATime) {
            return null;
        }
    }
}
