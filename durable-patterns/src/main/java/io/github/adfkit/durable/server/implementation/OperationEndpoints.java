package io.github.adfkit.durable.server.implementation;

import com.azure.core.exception.AzureException;
import com.azure.core.util.logging.ClientLogger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.durable.server.InvalidOperationInputException;
import io.github.adfkit.durable.server.OperationRequest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The HTTP side: {@code POST {prefix}/submit/{kind}}, {@code GET {prefix}/status/{id}} (the seed's status body
 * {@code {"id", "status", "result", "error"}}), {@code GET {prefix}/status/{id}/result} (the result alone),
 * {@code GET {prefix}/status/{id}/monitor} (the Azure REST API guidelines' status monitor, the
 * {@code Operation-Location}) and {@code DELETE {prefix}/status/{id}}. No parameters, owners, leases or management
 * URLs are ever shown. A caller's mistake is a 4xx with {@code {"error": ...}} and changes nothing.
 */
public final class OperationEndpoints implements HostHandler {
    private static final ClientLogger LOGGER = new ClientLogger(OperationEndpoints.class);
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final String OPERATION_ID_HEADER = "Operation-Id";
    private static final String RESULT_SUFFIX = "/result";
    private static final String MONITOR_SUFFIX = "/monitor";
    /** The answer of the status endpoint for an operation that ended without a result: failed, canceled, ... */
    private static final int ENDED_WITHOUT_RESULT = 409;

    private final OperationSupervisor supervisor;
    private final Map<String, KindDefinition> kinds;
    private final EndpointSettings settings;
    private final String submitPrefix;
    private final String statusPrefix;

    /**
     * @param supervisor runs the operations
     * @param kinds the registered kinds by name
     * @param settings how to answer
     */
    public OperationEndpoints(OperationSupervisor supervisor, Map<String, KindDefinition> kinds,
        EndpointSettings settings) {
        this.supervisor = supervisor;
        this.kinds = Map.copyOf(kinds);
        this.settings = settings;
        this.submitPrefix = settings.routePrefix() + "/submit/";
        this.statusPrefix = settings.routePrefix() + "/status/";
    }

    @Override
    public HostResponse handle(HostRequest request) {
        String path = request.getPath();
        try {
            if (path.startsWith(submitPrefix)) {
                return submit(request, path.substring(submitPrefix.length()));
            }
            if (path.startsWith(statusPrefix)) {
                return status(request, path.substring(statusPrefix.length()));
            }
        } catch (RuntimeException failure) {
            if (isStoreFault(failure)) {
                return storeUnreachable(failure);
            }
            throw failure;
        }
        return HostResponse.error(404, "No such endpoint.");
    }

    /**
     * Whether a failure came from the operation store (an error answer after the Table client's retries, no answer
     * at all), not from adfkit's own code.
     */
    private static boolean isStoreFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AzureException || cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private HostResponse storeUnreachable(RuntimeException storeFault) {
        LOGGER.atWarning().log("The operation store could not be reached.", storeFault);
        return HostResponse.error(503, "The operation store could not be reached; nothing was changed. Try again "
            + "later.").withHeader("Retry-After", settings.retryAfterSeconds());
    }

    private HostResponse submit(HostRequest request, String kindName) {
        if (!"POST".equals(request.getMethod())) {
            return HostResponse.error(405, "Use POST to submit an operation.").withHeader("Allow", "POST");
        }
        KindDefinition kind = kinds.get(kindName);
        if (kind == null) {
            return HostResponse.error(404, "No operation kind has this name.");
        }
        byte[] body = request.getBody();
        if (body.length > settings.maxBodyBytes()) {
            return HostResponse.error(413, "The request body is larger than " + settings.maxBodyBytes() + " bytes.");
        }
        String keyHeader = request.getHeader(IDEMPOTENCY_HEADER) != null ? IDEMPOTENCY_HEADER : OPERATION_ID_HEADER;
        String idempotencyKey = request.getHeader(keyHeader);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return HostResponse.error(400, "The " + keyHeader + " header must be 1 to 255 visible ASCII characters.");
        }
        OperationRequest submitted = OperationRequest.of(request.getQueryParameters(), request.getBodyAsString());
        PreparedOperation prepared;
        try {
            prepared = kind.prepare(submitted);
        } catch (InvalidOperationInputException invalid) {
            return HostResponse.error(400, invalid.getMessage());
        }
        OperationRecord record;
        try {
            record = supervisor.submit(kind, prepared, submitted, idempotencyKey);
        } catch (RecordTooLargeException tooLarge) {
            return HostResponse.error(413, "The submitted parameters are " + tooLarge.size()
                + " characters as stored; the operation store keeps at most " + tooLarge.limit() + ".");
        } catch (IdempotencyKeyReusedException reused) {
            return HostResponse.error(422, reused.getMessage());
        } catch (RejectedExecutionException busy) {
            return HostResponse.error(503, "The host is running as many operations as it can; submit again later.")
                .withHeader("Retry-After", settings.retryAfterSeconds());
        }
        String statusUri = statusUri(request, record.id());
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("id", record.id());
        accepted.put("statusUri", statusUri);
        return HostResponse.json(202, accepted).withHeader("Location", statusUri)
            .withHeader("Operation-Location", statusUri + MONITOR_SUFFIX)
            .withHeader("Retry-After", settings.retryAfterSeconds());
    }

    private HostResponse status(HostRequest request, String rest) {
        String view = rest.endsWith(RESULT_SUFFIX) ? RESULT_SUFFIX : rest.endsWith(MONITOR_SUFFIX) ? MONITOR_SUFFIX
            : "";
        String id = rest.substring(0, rest.length() - view.length());
        boolean cancel = "DELETE".equals(request.getMethod());
        if (!"GET".equals(request.getMethod()) && !(cancel && view.isEmpty())) {
            return view.isEmpty() ? HostResponse.error(405, "Use GET to read an operation's status or DELETE to "
                + "cancel it.").withHeader("Allow", "GET, DELETE")
                : HostResponse.error(405, "Use GET.").withHeader("Allow", "GET");
        }
        if (!OperationIds.isOperationId(id)) {
            return HostResponse.error(400, "Malformed operation id: it is 32 lowercase hexadecimal characters.");
        }
        Optional<OperationRecord> found = supervisor.find(id);
        if (found.isEmpty()) {
            return HostResponse.error(404, "No operation has this id.");
        }
        if (view.equals(RESULT_SUFFIX)) {
            return resultResponse(found.get(), request);
        }
        if (view.equals(MONITOR_SUFFIX)) {
            return monitorResponse(found.get(), request);
        }
        if (!cancel) {
            return statusResponse(found.get(), request);
        }
        if (found.get().status().isTerminal()) {
            return alreadyFinished(found.get());
        }
        Optional<OperationRecord> after = supervisor.cancel(id);
        if (after.isEmpty()) {
            return HostResponse.error(404, "No operation has this id.");
        }
        return after.get().status() == OperationState.CANCELED ? HostResponse.json(200, statusBody(after.get()))
            : alreadyFinished(after.get());
    }

    private static HostResponse alreadyFinished(OperationRecord record) {
        return HostResponse.error(409, "The operation has already finished with status " + record.status() + ".");
    }

    private String statusUri(HostRequest request, String id) {
        return settings.publicUrls().resolve(request, statusPrefix + id);
    }

    /**
     * The seed's status body. By default 202 with {@code Location} (itself) while the operation has not finished,
     * 200 with {@code Location} on the result once it completed, and 409 once it ended any other way, so that every
     * poller that follows 202 responses stops at the outcome and reads a failure as one. In the seed's compatibility
     * mode, 200 whatever the status.
     */
    private HostResponse statusResponse(OperationRecord record, HostRequest request) {
        ObjectNode body = statusBody(record);
        if (!settings.acceptedWhileRunning()) {
            HostResponse seed = HostResponse.json(200, body);
            return record.status().isTerminal() ? seed : seed.withHeader("Retry-After", settings.retryAfterSeconds());
        }
        String statusUri = statusUri(request, record.id());
        if (!record.status().isTerminal()) {
            return HostResponse.json(202, body).withHeader("Location", statusUri)
                .withHeader("Retry-After", settings.retryAfterSeconds());
        }
        return record.status() == OperationState.COMPLETED
            ? HostResponse.json(200, body).withHeader("Location", statusUri + RESULT_SUFFIX)
            : HostResponse.json(ENDED_WITHOUT_RESULT, body);
    }

    private static ObjectNode statusBody(OperationRecord record) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", record.id());
        body.put("status", record.status().toString());
        body.set("result", json(record, record.resultJson()));
        body.put("error", record.error());
        if (record.customStatusJson() != null) {
            body.set("customStatus", json(record, record.customStatusJson()));
        }
        return body;
    }

    /**
     * The result alone: what the final GET of an azure-core poller reads.
     */
    private HostResponse resultResponse(OperationRecord record, HostRequest request) {
        if (!record.status().isTerminal()) {
            return HostResponse.json(202, statusBody(record)).withHeader("Location", statusUri(request, record.id()))
                .withHeader("Retry-After", settings.retryAfterSeconds());
        }
        if (record.status() != OperationState.COMPLETED) {
            return HostResponse.error(ENDED_WITHOUT_RESULT, "The operation ended with status " + record.status()
                + " and has no result: " + record.error());
        }
        return HostResponse.json(200, json(record, record.resultJson()));
    }

    /**
     * The Azure REST API guidelines' status monitor: always 200, with {@code status} NotStarted, Running,
     * Succeeded, Failed or Canceled, {@code error} as {@code {code, message}} once failed, and on success the result
     * inline and its URL in {@code resourceLocation}.
     */
    private HostResponse monitorResponse(OperationRecord record, HostRequest request) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", record.id());
        body.put("status", MonitorStatus.of(record.status()));
        if (record.status() == OperationState.COMPLETED) {
            body.set("result", json(record, record.resultJson()));
            body.put("resourceLocation", statusUri(request, record.id()) + RESULT_SUFFIX);
        } else if (record.status().isTerminal()) {
            ObjectNode error = body.putObject("error");
            error.put("code", record.status().toString());
            error.put("message", record.error());
        }
        HostResponse monitor = HostResponse.json(200, body);
        return record.status().isTerminal() ? monitor
            : monitor.withHeader("Retry-After", settings.retryAfterSeconds());
    }

    private static JsonNode json(OperationRecord record, String json) {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("A stored value of operation " + record.id() + " is not JSON.", corrupt);
        }
    }
}
