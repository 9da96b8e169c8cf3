package io.github.adfkit.durable.server.implementation;

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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * The HTTP side: {@code POST {prefix}/submit/{kind}}, {@code GET {prefix}/status/{id}} and
 * {@code DELETE {prefix}/status/{id}}. The status body is {@code {"id", "status", "result", "error"}} and nothing
 * else: no parameters, owners, leases or management URLs. A caller's mistake is a 4xx with {@code {"error": ...}}
 * and changes nothing.
 */
public final class OperationEndpoints implements HostHandler {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

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
        if (path.startsWith(submitPrefix)) {
            return submit(request, path.substring(submitPrefix.length()));
        }
        if (path.startsWith(statusPrefix)) {
            return status(request, path.substring(statusPrefix.length()));
        }
        return HostResponse.error(404, "No such endpoint.");
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
        String idempotencyKey = request.getHeader(IDEMPOTENCY_HEADER);
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return HostResponse.error(400, "The Idempotency-Key header must be 1 to 255 visible ASCII characters.");
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
        } catch (RejectedExecutionException busy) {
            return HostResponse.error(503, "The host is running as many operations as it can; submit again later.")
                .withHeader("Retry-After", settings.retryAfterSeconds());
        }
        String statusUri = statusUri(request, record.id());
        Map<String, Object> accepted = new LinkedHashMap<>();
        accepted.put("id", record.id());
        accepted.put("statusUri", statusUri);
        return HostResponse.json(202, accepted).withHeader("Location", statusUri)
            .withHeader("Retry-After", settings.retryAfterSeconds());
    }

    private HostResponse status(HostRequest request, String id) {
        boolean cancel = "DELETE".equals(request.getMethod());
        if (!cancel && !"GET".equals(request.getMethod())) {
            return HostResponse.error(405, "Use GET to read an operation's status or DELETE to cancel it.")
                .withHeader("Allow", "GET, DELETE");
        }
        if (!OperationIds.isOperationId(id)) {
            return HostResponse.error(400, "Malformed operation id: it is 32 lowercase hexadecimal characters.");
        }
        Optional<OperationRecord> found = supervisor.find(id);
        if (found.isEmpty()) {
            return HostResponse.error(404, "No operation has this id.");
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
        return after.get().status() == OperationState.CANCELED ? statusResponse(after.get(), request)
            : alreadyFinished(after.get());
    }

    private static HostResponse alreadyFinished(OperationRecord record) {
        return HostResponse.error(409, "The operation has already finished with status " + record.status() + ".");
    }

    private String statusUri(HostRequest request, String id) {
        return settings.publicUrls().resolve(request, statusPrefix + id);
    }

    private HostResponse statusResponse(OperationRecord record, HostRequest request) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", record.id());
        body.put("status", record.status().toString());
        body.set("result", resultOf(record));
        body.put("error", record.error());
        if (record.status().isTerminal()) {
            return HostResponse.json(200, body);
        }
        HostResponse running = settings.acceptedWhileRunning()
            ? HostResponse.json(202, body).withHeader("Location", statusUri(request, record.id()))
            : HostResponse.json(200, body);
        return running.withHeader("Retry-After", settings.retryAfterSeconds());
    }

    private static JsonNode resultOf(OperationRecord record) {
        if (record.resultJson() == null) {
            return NullNode.getInstance();
        }
        try {
            return Json.mapper().readTree(record.resultJson());
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("The stored result of operation " + record.id() + " is not JSON.",
                corrupt);
        }
    }
}
