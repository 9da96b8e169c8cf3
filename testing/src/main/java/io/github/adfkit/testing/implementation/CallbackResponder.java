package io.github.adfkit.testing.implementation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.adfkit.testing.callback.ReceivedCallback;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Answers {@code POST /callback/{id}} as ADF's callback endpoint does, and records every attempt: a scripted failure
 * first if the test asked for one, else 403 for a wrong {@code code}, 415 unless the body is declared
 * {@code application/json}, 400 for a body that is not JSON, and 200 otherwise.
 */
public final class CallbackResponder extends NamedResponseTransformer {
    /** The transformer's name, for the receiver's stub. */
    public static final String NAME = "adfkit-adf-callback";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CallbackJournal journal;
    private final CallbackScript script;
    private final Function<String, String> issuedCodes;

    /**
     * Creates the responder.
     *
     * @param journal where attempts are recorded
     * @param script the failures the test asked for
     * @param issuedCodes the {@code code} handed out for a callback id, or null for ids never handed out
     */
    public CallbackResponder(CallbackJournal journal, CallbackScript script, Function<String, String> issuedCodes) {
        super(NAME);
        this.journal = journal;
        this.script = script;
        this.issuedCodes = issuedCodes;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        String path = URI.create(request.getUrl()).getRawPath();
        String id = path.substring(path.lastIndexOf('/') + 1);
        String rawBody = request.getBodyAsString();
        JsonNode body = parse(rawBody);
        ResponseDefinition answer = answer(request, id, body);
        journal.record(new ReceivedCallback(id, headers(request), rawBody, body, answer.getStatus(), Instant.now()));
        return answer;
    }

    private ResponseDefinition answer(Request request, String id, JsonNode body) {
        CallbackScript.ScriptedAnswer scripted = script.next().orElse(null);
        if (scripted != null) {
            return scripted.status() >= 400
                ? JsonErrorResponses.error(scripted.status(), "Failure scripted by the test.", scripted.retryAfter())
                : ResponseDefinitionBuilder.responseDefinition().withStatus(scripted.status()).build();
        }
        String expectedCode = issuedCodes.apply(id);
        if (expectedCode != null && !expectedCode.equals(code(request))) {
            return JsonErrorResponses.error(403, "The callback URI's code is not the one issued for this id.", null);
        }
        if (!isJson(request.getHeader("Content-Type"))) {
            return JsonErrorResponses.error(415, "The callback's Content-Type must be application/json.", null);
        }
        if (body == null) {
            return JsonErrorResponses.error(400, "The callback's body must be valid JSON.", null);
        }
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).build();
    }

    private static String code(Request request) {
        QueryParameter code = request.queryParameter("code");
        return code.isPresent() ? code.firstValue() : null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return "application/json".equals(mediaType.trim().toLowerCase(Locale.ROOT));
    }

    private static JsonNode parse(String rawBody) {
        if (rawBody == null || rawBody.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(rawBody);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Map<String, List<String>> headers(Request request) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (HttpHeader header : request.getHeaders().all()) {
            headers.put(header.key(), List.copyOf(header.values()));
        }
        return Collections.unmodifiableMap(headers);
    }
}
