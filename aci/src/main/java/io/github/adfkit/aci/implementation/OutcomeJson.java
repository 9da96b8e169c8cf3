package io.github.adfkit.aci.implementation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.aci.models.CleanupOutcome;
import io.github.adfkit.aci.models.ContainerJobAttempt;
import io.github.adfkit.aci.models.ContainerJobEvent;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.core.models.CallbackError;
import io.github.adfkit.core.models.CallbackPayload;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's outcome as JSON: the {@code Output} of the ADF callback, and the form stored in the job's row so that
 * another host can finish the job (cleanup and callback) after a crash.
 */
public final class OutcomeJson {
    /** The longest log tail (in characters) kept in the outcome; Table storage string properties hold 32K chars. */
    public static final int MAX_LOG_TAIL_CHARS = 16_000;

    private OutcomeJson() {
    }

    /**
     * @param result the result
     * @return the JSON object: {@code groupName, resourceGroup, state, failureReason, exitCode, detailStatus,
     *     startTime, finishTime, durationSeconds, message, logTail, events, cleanup}
     */
    public static ObjectNode toJson(ContainerJobResult result) {
        ObjectNode json = Json.mapper().createObjectNode();
        putStatus(json, result.getStatus());
        Duration duration = result.getDuration();
        if (duration != null) {
            json.put("durationSeconds", duration.toMillis() / 1000.0);
        }
        putText(json, "message", result.getMessage());
        json.put("logTail", truncate(result.getLogTail()));
        putEvents(json, result.getEvents());
        json.put("cleanup", result.getCleanupOutcome().name());
        putText(json, "cleanupMessage", result.getCleanupMessage());
        if (!result.getEarlierAttempts().isEmpty()) {
            json.set("attempts", attemptsToJson(result.getAttempts()));
        }
        return json;
    }

    /**
     * @param attempts attempts of a job
     * @return them as a JSON array: {@code number, state, failureReason, exitCode, ..., message, events}
     */
    public static ArrayNode attemptsToJson(List<ContainerJobAttempt> attempts) {
        ArrayNode array = Json.mapper().createArrayNode();
        for (ContainerJobAttempt attempt : attempts) {
            ObjectNode node = array.addObject().put("number", attempt.getNumber());
            putStatus(node, attempt.getStatus());
            putText(node, "message", attempt.getMessage());
            putEvents(node, attempt.getEvents());
        }
        return array;
    }

    /**
     * @param text attempts as {@link #attemptsToJson} writes them, or {@code null}
     * @return the attempts, oldest first
     */
    public static List<ContainerJobAttempt> attemptsFromText(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<ContainerJobAttempt> attempts = new ArrayList<>();
        for (JsonNode node : parse(text)) {
            attempts.add(new ContainerJobAttempt(node.path("number").asInt(), readStatus(node),
                node.path("message").asText(null), readEvents(node)));
        }
        return attempts;
    }

    private static void putStatus(ObjectNode json, ContainerJobStatus status) {
        json.put("resourceGroup", status.getResourceGroup());
        json.put("groupName", status.getGroupName());
        json.put("state", status.getState().name());
        if (status.getFailureReason() != null) {
            json.put("failureReason", status.getFailureReason().getCode());
        }
        if (status.getExitCode() != null) {
            json.put("exitCode", status.getExitCode());
        }
        putText(json, "detailStatus", status.getDetailStatus());
        putText(json, "startTime", status.getStartTime() == null ? null : status.getStartTime().toString());
        putText(json, "finishTime", status.getFinishTime() == null ? null : status.getFinishTime().toString());
    }

    private static void putEvents(ObjectNode json, List<ContainerJobEvent> list) {
        ArrayNode events = json.putArray("events");
        for (ContainerJobEvent event : list) {
            ObjectNode node = events.addObject();
            putText(node, "name", event.getName());
            putText(node, "message", event.getMessage());
            putText(node, "type", event.getType());
            node.put("count", event.getCount());
        }
    }

    /**
     * @param result the result
     * @return the callback: a success with the outcome as {@code Output}, or a failure whose {@code Error} carries
     *     the reason's code and the message, with the outcome as {@code Output} too
     */
    public static CallbackPayload toCallback(ContainerJobResult result) {
        ObjectNode output = toJson(result);
        if (result.isSucceeded()) {
            return CallbackPayload.success(output);
        }
        ContainerJobFailureReason reason = result.getFailureReason();
        String code = reason == null ? result.getState().name() : reason.getCode();
        String message = result.getMessage() == null ? "The container job did not succeed." : result.getMessage();
        return CallbackPayload.failure(new CallbackError(code, message), CallbackPayload.DEFAULT_FAILURE_STATUS,
            output);
    }

    /**
     * @param result the result
     * @return the stored text
     */
    public static String toText(ContainerJobResult result) {
        return toJson(result).toString();
    }

    /**
     * Reads a stored outcome back. The cleanup outcome is left to whoever finishes the job.
     *
     * @param text the stored text
     * @param cleanup the cleanup outcome to put in the result
     * @param cleanupMessage the cleanup message, or {@code null}
     * @return the result
     * @throws IllegalStateException if the text is not a stored outcome
     */
    public static ContainerJobResult fromText(String text, CleanupOutcome cleanup, String cleanupMessage) {
        JsonNode json = parse(text);
        List<ContainerJobAttempt> attempts = attemptsFromText(json.has("attempts") ? json.get("attempts").toString()
            : null);
        return new ContainerJobResult(readStatus(json), json.path("message").asText(null), readEvents(json),
            json.path("logTail").asText(""), cleanup, cleanupMessage,
            attempts.isEmpty() ? List.of() : attempts.subList(0, attempts.size() - 1));
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("A stored job outcome is not valid JSON.", corrupt);
        }
    }

    private static ContainerJobStatus readStatus(JsonNode json) {
        ContainerJobFailureReason reason = null;
        String code = json.path("failureReason").asText(null);
        for (ContainerJobFailureReason candidate : ContainerJobFailureReason.values()) {
            if (candidate.getCode().equals(code)) {
                reason = candidate;
            }
        }
        return new ContainerJobStatus(json.path("resourceGroup").asText(null),
            json.path("groupName").asText(null), ContainerJobState.valueOf(json.path("state").asText()), reason,
            json.hasNonNull("exitCode") ? json.get("exitCode").asInt() : null, json.path("detailStatus").asText(null),
            time(json.path("startTime")), time(json.path("finishTime")));
    }

    private static List<ContainerJobEvent> readEvents(JsonNode json) {
        List<ContainerJobEvent> events = new ArrayList<>();
        for (JsonNode event : json.path("events")) {
            events.add(new ContainerJobEvent(event.path("name").asText(null), event.path("message").asText(null),
                event.path("type").asText(null), event.path("count").asInt(1), null, null));
        }
        return events;
    }

    /**
     * @param outcome a job's outcome
     * @param cleanup what cleanup did
     * @param cleanupMessage details when cleanup failed, otherwise {@code null}
     * @return the outcome with the cleanup's
     */
    public static ContainerJobResult withCleanup(ContainerJobResult outcome, CleanupOutcome cleanup,
        String cleanupMessage) {
        return new ContainerJobResult(outcome.getStatus(), outcome.getMessage(), outcome.getEvents(),
            outcome.getLogTail(), cleanup, cleanupMessage, outcome.getEarlierAttempts());
    }

    /**
     * @param logTail a log tail
     * @return its last {@link #MAX_LOG_TAIL_CHARS} characters
     */
    public static String truncate(String logTail) {
        return logTail.length() <= MAX_LOG_TAIL_CHARS ? logTail
            : logTail.substring(logTail.length() - MAX_LOG_TAIL_CHARS);
    }

    private static void putText(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static OffsetDateTime time(JsonNode value) {
        return value.isTextual() ? OffsetDateTime.parse(value.asText()) : null;
    }
}
