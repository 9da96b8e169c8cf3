package io.github.adfkit.durable;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.adfkit.testing.implementation.NamedResponseTransformer;

import java.net.URI;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;

/**
 * A service that honours {@code Idempotency-Key}, behind a network that loses answers. {@code POST /start} creates
 * one operation per key (a repeat with a known key finds the operation it created) and answers as the Azure REST API
 * guidelines' "LRO action" pattern: 202, {@code Operation-Location}, and the status monitor in the body. Its status
 * monitor {@code GET /operations/{id}} answers Succeeded with {@code {"operation": id}} as the result.
 *
 * <p>A test scripts what happens to each start request: the host acts (creates or finds the operation) and then the
 * answer is lost to a connection reset or replaced by a 503, or the host never sees it (reset before acting). WireMock
 * cannot fail "after acting" on its own, so this transformer does the acting and then returns the fault.</p>
 */
final class IdempotentHost extends NamedResponseTransformer {
    static final String NAME = "idempotent-host";

    /** What happens to one start request. */
    enum Fate {
        /** The host acts and answers 202. */
        ANSWERED,
        /** The host acts, then the connection is reset before the answer arrives. */
        ACTED_THEN_RESET,
        /** The host acts, then a gateway answers 503 instead. */
        ACTED_THEN_UNAVAILABLE,
        /** The connection is reset before the host sees the request. */
        RESET_BEFORE_ACTING
    }

    private final Deque<Fate> script = new ConcurrentLinkedDeque<>();
    private final Map<String, String> operationsByKey = new ConcurrentHashMap<>();
    private final List<String> operations = new CopyOnWriteArrayList<>();
    private final List<String> startKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger created = new AtomicInteger();

    IdempotentHost() {
        super(NAME);
    }

    /**
     * @return the stub that sends every request to this host
     */
    static MappingBuilder stub() {
        return any(urlMatching("/.*")).willReturn(aResponse().withTransformers(NAME));
    }

    /**
     * @param fates what happens to the next start requests, in order; once used up, starts are answered
     */
    void script(Fate... fates) {
        script.addAll(List.of(fates));
    }

    /**
     * Forgets the rest of the script: later starts are answered.
     */
    void clearScript() {
        script.clear();
    }

    /**
     * @return every operation the host created, in order
     */
    List<String> operations() {
        return new ArrayList<>(operations);
    }

    /**
     * @return the Idempotency-Key of every start request that reached the host, in order ({@code "-"} for none)
     */
    List<String> startKeys() {
        return new ArrayList<>(startKeys);
    }

    void reset() {
        script.clear();
        operationsByKey.clear();
        operations.clear();
        startKeys.clear();
        created.set(0);
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = URI.create(request.getUrl()).getPath();
        if (path.startsWith("/operations/")) {
            String id = path.substring("/operations/".length());
            return operations.contains(id)
                ? json(200, "{\"id\":\"" + id + "\",\"status\":\"Succeeded\",\"result\":{\"operation\":\"" + id + "\"}}")
                : json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"No such operation.\"}}");
        }
        Fate fate = script.isEmpty() ? Fate.ANSWERED : script.poll();
        if (fate == Fate.RESET_BEFORE_ACTING) {
            return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        }
        String key = request.getHeader("Idempotency-Key");
        startKeys.add(key == null ? "-" : key);
        String id = key == null ? create() : operationsByKey.computeIfAbsent(key, ignored -> create());
        return switch (fate) {
            case ACTED_THEN_RESET -> ResponseDefinitionBuilder.responseDefinition()
                .withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case ACTED_THEN_UNAVAILABLE -> json(503, "{\"error\":{\"code\":\"ServiceUnavailable\","
                + "\"message\":\"The gateway lost the answer.\"}}");
            default -> ResponseDefinitionBuilder.responseDefinition().withStatus(202)
                .withHeader("Operation-Location", URI.create(request.getAbsoluteUrl()).resolve("/operations/" + id)
                    .toString()).withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"" + id + "\",\"status\":\"NotStarted\"}").build();
        };
    }

    private String create() {
        String id = "op-" + created.incrementAndGet();
        operations.add(id);
        return id;
    }

    private static ResponseDefinition json(int status, String body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
            .withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
