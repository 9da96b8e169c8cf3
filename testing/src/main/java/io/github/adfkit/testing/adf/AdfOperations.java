package io.github.adfkit.testing.adf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.adfkit.testing.implementation.JsonErrorResponses;
import io.github.adfkit.testing.implementation.NamedResponseTransformer;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the four Data Factory operations from an {@link AdfRunJournal}, as the 2018-06-01 REST API does.
 */
final class AdfOperations extends NamedResponseTransformer {
    static final String NAME = "adfkit-adf-operations";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern FACTORY_PATH = Pattern.compile(
        "(?i)/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.DataFactory/factories/([^/]+)/(.+)");
    private static final Pattern CREATE_RUN = Pattern.compile("(?i)pipelines/([^/]+)/createRun");
    private static final Pattern CANCEL = Pattern.compile("(?i)pipelineruns/([^/]+)/cancel");
    private static final Pattern GET_RUN = Pattern.compile("(?i)pipelineruns/([^/]+)");
    private static final Pattern QUERY_RUNS = Pattern.compile("(?i)queryPipelineRuns");

    private final AdfRunJournal journal;

    AdfOperations(AdfRunJournal journal) {
        super(NAME);
        this.journal = journal;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String method = serveEvent.getRequest().getMethod().getName();
        String path = URI.create(serveEvent.getRequest().getUrl()).getRawPath();
        Matcher factory = FACTORY_PATH.matcher(path);
        if (!factory.matches()) {
            return notFound("No Data Factory operation at " + path + ".");
        }
        String factoryName = decode(factory.group(3));
        String operation = factory.group(4);
        Matcher match = CREATE_RUN.matcher(operation);
        if ("POST".equals(method) && match.matches()) {
            return createRun(decode(factory.group(1)), decode(factory.group(2)), factoryName, decode(match.group(1)),
                serveEvent.getRequest().getBodyAsString());
        }
        match = CANCEL.matcher(operation);
        if ("POST".equals(method) && match.matches()) {
            String runId = decode(match.group(1));
            return journal.cancel(factoryName, runId).map(run -> ok("")).orElseGet(() -> runNotFound(runId));
        }
        match = GET_RUN.matcher(operation);
        if ("GET".equals(method) && match.matches()) {
            String runId = decode(match.group(1));
            return journal.find(factoryName, runId).map(run -> ok(toJson(run).toString()))
                .orElseGet(() -> runNotFound(runId));
        }
        if ("POST".equals(method) && QUERY_RUNS.matcher(operation).matches()) {
            return queryRuns(factoryName, serveEvent.getRequest().getBodyAsString());
        }
        return notFound("No Data Factory operation " + method + " " + operation + ".");
    }

    private ResponseDefinition createRun(String subscriptionId, String resourceGroupName, String factoryName,
        String pipelineName, String body) {
        AdfRunJournal.CreateRunScript script = journal.nextScript();
        if (script.fails()) {
            return JsonErrorResponses.error(script.failureStatus(), "createRun failure scripted by the ADF fake.",
                null);
        }
        Map<String, Object> parameters;
        try {
            parameters = body == null || body.isBlank() ? Map.of()
                : MAPPER.readValue(body, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException notAnObject) {
            return JsonErrorResponses.error(400, "The createRun body must be a JSON object of parameters.", null);
        }
        AdfRun run = journal.create(subscriptionId, resourceGroupName, factoryName, pipelineName, parameters);
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(ok(
            MAPPER.createObjectNode().put("runId", run.getRunId()).toString()));
        if (!script.delay().isZero()) {
            response.withFixedDelay((int) script.delay().toMillis());
        }
        return response.build();
    }

    private ResponseDefinition queryRuns(String factoryName, String body) {
        JsonNode filter;
        try {
            filter = MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException notJson) {
            return JsonErrorResponses.error(400, "The queryPipelineRuns body must be RunFilterParameters JSON.", null);
        }
        Predicate<AdfRun> matches = updatedWithin(filter);
        for (JsonNode condition : filter.path("filters")) {
            matches = matches.and(condition(condition));
        }
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode value = answer.putArray("value");
        journal.runsOf(factoryName).stream().filter(matches).map(AdfOperations::toJson).forEach(value::add);
        return ok(answer.toString());
    }

    private static Predicate<AdfRun> updatedWithin(JsonNode filter) {
        Optional<Instant> after = instant(filter.path("lastUpdatedAfter"));
        Optional<Instant> before = instant(filter.path("lastUpdatedBefore"));
        return run -> after.map(at -> !run.getLastUpdated().isBefore(at)).orElse(true)
            && before.map(at -> !run.getLastUpdated().isAfter(at)).orElse(true);
    }

    private static Predicate<AdfRun> condition(JsonNode condition) {
        String operand = condition.path("operand").asText("");
        String operator = condition.path("operator").asText("Equals");
        List<String> values = MAPPER.convertValue(condition.path("values"), new TypeReference<List<String>>() { });
        Predicate<AdfRun> in = run -> {
            String actual = "Status".equalsIgnoreCase(operand) ? run.getStatus()
                : "PipelineName".equalsIgnoreCase(operand) ? run.getPipelineName() : null;
            return actual != null && values != null && values.stream().anyMatch(actual::equalsIgnoreCase);
        };
        return "NotEquals".equalsIgnoreCase(operator) || "NotIn".equalsIgnoreCase(operator) ? in.negate() : in;
    }

    private static Optional<Instant> instant(JsonNode value) {
        return value.isTextual() ? Optional.of(Instant.parse(value.asText())) : Optional.empty();
    }

    /**
     * A run as the {@code PipelineRun} definition of the 2018-06-01 spec
     * ({@code specification/datafactory/resource-manager/Microsoft.DataFactory/stable/2018-06-01/datafactory.json},
     * example {@code examples/PipelineRuns_Get.json}) has it: {@code status} one of {@code Queued, InProgress,
     * Succeeded, Failed, Canceling, Cancelled}, {@code message} (empty unless the run failed), and {@code runEnd} with
     * {@code durationInMs} once the run has ended.
     */
    private static ObjectNode toJson(AdfRun run) {
        ObjectNode json = MAPPER.createObjectNode()
            .put("runId", run.getRunId())
            .put("pipelineName", run.getPipelineName())
            .put("runStart", run.getRunStart().toString())
            .put("lastUpdated", run.getLastUpdated().toString())
            .put("status", run.getStatus())
            .put("message", run.getMessage());
        if (run.getRunEnd() != null) {
            json.put("runEnd", run.getRunEnd().toString())
                .put("durationInMs", Duration.between(run.getRunStart(), run.getRunEnd()).toMillis());
        }
        ObjectNode parameters = json.putObject("parameters");
        run.getParameters().forEach((name, value) -> parameters.put(name, asRunParameter(value)));
        json.putObject("invokedBy").put("name", "Manual").put("invokedByType", "Manual");
        return json;
    }

    /** ADF reports every run parameter as a string; arrays and objects come back as JSON text. */
    private static String asRunParameter(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException unexpected) {
            return String.valueOf(value);
        }
    }

    private static ResponseDefinition ok(String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
            .withHeader("Content-Type", "application/json; charset=utf-8")
            .withHeader("x-ms-request-id", UUID.randomUUID().toString())
            .withBody(body).build();
    }

    private static ResponseDefinition runNotFound(String runId) {
        return notFound("Pipeline run '" + runId + "' was not found.");
    }

    private static ResponseDefinition notFound(String message) {
        return JsonErrorResponses.error(404, message, null);
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }
}
