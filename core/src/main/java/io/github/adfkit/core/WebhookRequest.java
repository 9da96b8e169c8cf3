package io.github.adfkit.core;

import com.azure.core.annotation.Immutable;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.core.implementation.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;

/**
 * What an ADF WebHook activity POSTs: the activity's JSON {@code body} plus the {@code callBackUri} ADF adds to it.
 * Parsing checks everything a host would otherwise check by hand and refuses a bad request with an
 * {@link InvalidWebhookRequestException} that names the broken rule.
 *
 * <pre>{@code
 * WebhookRequest request = WebhookRequest.parse(requestBodyBytes, new WebhookRequestOptions());
 * JobParameters parameters = request.getBodyAs(JobParameters.class);
 * // ... start the work, answer 202, and later:
 * callbackClient.send(request.getCallbackUri(), CallbackPayload.success(output));
 * }</pre>
 *
 * <p>{@link #toString()} shows the callback URI redacted; {@link #getCallbackUri()} returns it whole, because it is
 * a capability URL: treat it as a secret.</p>
 */
@Immutable
public final class WebhookRequest {
    /** The property ADF adds to the body. */
    public static final String CALLBACK_URI_PROPERTY = "callBackUri";

    private final URI callbackUri;
    private final ObjectNode body;

    private WebhookRequest(URI callbackUri, ObjectNode body) {
        this.callbackUri = callbackUri;
        this.body = body;
    }

    /**
     * Parses a request body with the default options.
     *
     * @param body the request body as text
     * @return the request
     * @throws InvalidWebhookRequestException if the request is not one adfkit accepts
     */
    public static WebhookRequest parse(String body) {
        return parse(body == null ? null : body.getBytes(StandardCharsets.UTF_8), new WebhookRequestOptions());
    }

    /**
     * Parses a request body.
     *
     * @param body the raw request body (UTF-8)
     * @param options the size limit and the callback host allow-list
     * @return the request
     * @throws InvalidWebhookRequestException if the request is not one adfkit accepts
     */
    public static WebhookRequest parse(byte[] body, WebhookRequestOptions options) {
        Objects.requireNonNull(options, "'options' cannot be null.");
        ObjectNode object = readObject(body, options.getMaxBodyBytes());
        URI callbackUri = options.getCallbackUriPolicy().check(callbackUriText(object));
        ObjectNode userBody = object.deepCopy();
        userBody.remove(CALLBACK_URI_PROPERTY);
        return new WebhookRequest(callbackUri, userBody);
    }

    /**
     * @return the {@code callBackUri}, whole. It is a secret: log {@link #getRedactedCallbackUri()} instead.
     */
    public String getCallbackUri() {
        return callbackUri.toString();
    }

    /**
     * @return the {@code callBackUri} with its query redacted, safe to log
     */
    public String getRedactedCallbackUri() {
        return Redaction.url(callbackUri.toString());
    }

    /**
     * The activity's own body as JSON; read it with {@link BinaryData#toObject(Class)} or {@link BinaryData#toString()}
     * (or {@link #getBodyAs(Class)} for a strict mapping).
     *
     * @return the activity's own body, without {@code callBackUri}
     */
    public BinaryData getBody() {
        return Json.toBinary(body);
    }

    /**
     * Maps the activity's own body (without {@code callBackUri}) to {@code type}, strictly: an unknown or mistyped
     * property is an error rather than silently ignored.
     *
     * @param type the class to map to
     * @param <T> the type
     * @return the mapped body
     * @throws InvalidWebhookRequestException with {@link WebhookRequestError#BODY_NOT_MAPPABLE} if it does not map
     */
    public <T> T getBodyAs(Class<T> type) {
        try {
            return Json.strictMapper().treeToValue(body, type);
        } catch (JsonProcessingException | IllegalArgumentException wrongShape) {
            throw new InvalidWebhookRequestException(WebhookRequestError.BODY_NOT_MAPPABLE,
                "The WebHook body does not match " + type.getSimpleName() + ": "
                    + Redaction.text(originalMessage(wrongShape)), wrongShape);
        }
    }

    @Override
    public String toString() {
        return "WebhookRequest{callBackUri=" + getRedactedCallbackUri() + ", properties=" + propertyNames() + '}';
    }

    private String propertyNames() {
        StringBuilder names = new StringBuilder("[");
        Iterator<String> it = body.fieldNames();
        while (it.hasNext()) {
            names.append(it.next()).append(it.hasNext() ? ", " : "");
        }
        return names.append(']').toString();
    }

    private static ObjectNode readObject(byte[] body, int maxBodyBytes) {
        if (body == null || body.length == 0) {
            throw new InvalidWebhookRequestException(WebhookRequestError.EMPTY_BODY,
                "The WebHook request has no body. ADF always sends a JSON object with 'callBackUri'.");
        }
        if (body.length > maxBodyBytes) {
            throw new InvalidWebhookRequestException(WebhookRequestError.BODY_TOO_LARGE,
                "The WebHook body is " + body.length + " bytes; the limit is " + maxBodyBytes
                    + ". Pass large data by reference (a blob path) instead.");
        }
        String text = decodeUtf8(body);
        if (text.isBlank()) {
            throw new InvalidWebhookRequestException(WebhookRequestError.EMPTY_BODY,
                "The WebHook body is blank. ADF always sends a JSON object with 'callBackUri'.");
        }
        JsonNode node;
        try {
            node = Json.strictMapper().readTree(text);
        } catch (StreamConstraintsException tooDeep) {
            throw new InvalidWebhookRequestException(WebhookRequestError.TOO_DEEP,
                "The WebHook body nests deeper than " + Json.MAX_NESTING_DEPTH + " levels.", tooDeep);
        } catch (JsonParseException malformed) {
            boolean duplicate = String.valueOf(malformed.getOriginalMessage()).startsWith("Duplicate field");
            throw new InvalidWebhookRequestException(
                duplicate ? WebhookRequestError.DUPLICATE_PROPERTY : WebhookRequestError.NOT_JSON,
                duplicate ? "The WebHook body repeats a property: " + Redaction.text(malformed.getOriginalMessage())
                    + ". Do not put 'callBackUri' in the activity body; ADF adds it."
                    : "The WebHook body is not valid JSON: " + Redaction.text(malformed.getOriginalMessage()) + ".",
                malformed);
        } catch (IOException unreadable) {
            throw new InvalidWebhookRequestException(WebhookRequestError.NOT_JSON,
                "The WebHook body is not valid JSON: " + Redaction.text(originalMessage(unreadable)) + ".",
                unreadable);
        }
        if (node.getNodeType() == JsonNodeType.STRING) {
            throw new InvalidWebhookRequestException(WebhookRequestError.STRING_BODY,
                "The WebHook body is a JSON string, not an object. In the WebHook activity, set 'body' to a JSON "
                    + "object (for example {\"job\": \"nightly\"}), not to a string or a string expression.");
        }
        if (!node.isObject()) {
            throw new InvalidWebhookRequestException(WebhookRequestError.NOT_AN_OBJECT,
                "The WebHook body must be a JSON object; got " + describe(node.getNodeType())
                    + ". ADF merges 'callBackUri' into an object body only.");
        }
        return (ObjectNode) node;
    }

    private static String callbackUriText(ObjectNode object) {
        JsonNode value = object.get(CALLBACK_URI_PROPERTY);
        if (value == null) {
            throw new InvalidWebhookRequestException(WebhookRequestError.MISSING_CALLBACK_URI,
                "The WebHook body has no 'callBackUri'" + misspellingHint(object)
                    + ". Call this endpoint from an ADF WebHook activity (a Web activity sends no callBackUri).");
        }
        if (!value.isTextual()) {
            throw new InvalidWebhookRequestException(WebhookRequestError.CALLBACK_URI_NOT_A_STRING,
                "'callBackUri' must be a string; got " + describe(value.getNodeType()) + ".");
        }
        return value.textValue();
    }

    private static String misspellingHint(ObjectNode object) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.toLowerCase(Locale.ROOT).replace("_", "").equals("callbackuri")) {
                return " (found '" + name + "'; ADF spells it 'callBackUri')";
            }
        }
        return "";
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
        } catch (CharacterCodingException notUtf8) {
            throw new InvalidWebhookRequestException(WebhookRequestError.NOT_JSON,
                "The WebHook body is not valid UTF-8 text.", notUtf8);
        }
    }

    private static String describe(JsonNodeType type) {
        return switch (type) {
            case ARRAY -> "an array";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case OBJECT -> "an object";
            case STRING -> "a string";
            default -> type.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String originalMessage(Exception e) {
        return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }
}
