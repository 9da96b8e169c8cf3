package io.github.adfkit.core;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class WebhookRequestTest {
    private static final String GOOD_URI =
        "https://dpeastus.svc.datafactory.azure.com/dataplane/workflow/callback/8a1b?callbackUrl=SECRETTOKEN&x=1";

    static Stream<Arguments> hostileInputs() {
        return Stream.of(
            arguments("empty body", "", WebhookRequestError.EMPTY_BODY, "no body"),
            arguments("blank body", "   \n\t ", WebhookRequestError.EMPTY_BODY, "blank"),
            arguments("plain text", "hello", WebhookRequestError.NOT_JSON, "not valid JSON"),
            arguments("truncated object", "{\"callBackUri\": \"" + GOOD_URI, WebhookRequestError.NOT_JSON,
                "not valid JSON"),
            arguments("trailing garbage", "{\"callBackUri\": \"" + GOOD_URI + "\"} extra", WebhookRequestError.NOT_JSON,
                "not valid JSON"),
            arguments("single quotes", "{'callBackUri': 'x'}", WebhookRequestError.NOT_JSON, "not valid JSON"),
            arguments("json array", "[{\"callBackUri\": \"" + GOOD_URI + "\"}]", WebhookRequestError.NOT_AN_OBJECT,
                "an array"),
            arguments("json string (ADF string-body pitfall)", "\"SELECT 1\"", WebhookRequestError.STRING_BODY,
                "JSON string, not an object"),
            arguments("json number", "42", WebhookRequestError.NOT_AN_OBJECT, "a number"),
            arguments("json boolean", "true", WebhookRequestError.NOT_AN_OBJECT, "a boolean"),
            arguments("json null", "null", WebhookRequestError.NOT_AN_OBJECT, "null"),
            arguments("no callBackUri (Web activity)", "{\"job\": \"nightly\"}", WebhookRequestError.MISSING_CALLBACK_URI,
                "Web activity"),
            arguments("misspelt callbackUri", "{\"callbackUri\": \"" + GOOD_URI + "\"}",
                WebhookRequestError.MISSING_CALLBACK_URI, "found 'callbackUri'"),
            arguments("callBackUri null", "{\"callBackUri\": null}", WebhookRequestError.CALLBACK_URI_NOT_A_STRING,
                "got null"),
            arguments("callBackUri number", "{\"callBackUri\": 17}", WebhookRequestError.CALLBACK_URI_NOT_A_STRING,
                "a number"),
            arguments("callBackUri object", "{\"callBackUri\": {\"href\": \"" + GOOD_URI + "\"}}",
                WebhookRequestError.CALLBACK_URI_NOT_A_STRING, "an object"),
            arguments("callBackUri array", "{\"callBackUri\": [\"" + GOOD_URI + "\"]}",
                WebhookRequestError.CALLBACK_URI_NOT_A_STRING, "an array"),
            arguments("callBackUri empty", "{\"callBackUri\": \"\"}", WebhookRequestError.BLANK_CALLBACK_URI, "empty"),
            arguments("callBackUri blank", "{\"callBackUri\": \"   \"}", WebhookRequestError.BLANK_CALLBACK_URI,
                "empty"),
            arguments("relative callBackUri", "{\"callBackUri\": \"/callback/1\"}",
                WebhookRequestError.CALLBACK_URI_NOT_ABSOLUTE, "absolute https URL"),
            arguments("opaque URI", "{\"callBackUri\": \"mailto:ops@example.com\"}",
                WebhookRequestError.CALLBACK_URI_NOT_ABSOLUTE, "absolute https URL"),
            arguments("http scheme", "{\"callBackUri\": \"http://dpeastus.svc.datafactory.azure.com/cb\"}",
                WebhookRequestError.CALLBACK_URI_NOT_HTTPS, "must use https"),
            arguments("ftp scheme", "{\"callBackUri\": \"ftp://dpeastus.svc.datafactory.azure.com/cb\"}",
                WebhookRequestError.CALLBACK_URI_NOT_HTTPS, "must use https"),
            arguments("file scheme", "{\"callBackUri\": \"file:///etc/passwd\"}",
                WebhookRequestError.CALLBACK_URI_NOT_ABSOLUTE, "absolute https URL"),
            arguments("space in URI", "{\"callBackUri\": \"https://dpeastus.svc.datafactory.azure.com/a b\"}",
                WebhookRequestError.MALFORMED_CALLBACK_URI, "not a valid URI"),
            arguments("backslash host trick",
                "{\"callBackUri\": \"https://evil.example.com\\\\@dpeastus.svc.datafactory.azure.com/cb\"}",
                WebhookRequestError.MALFORMED_CALLBACK_URI, "not a valid URI"),
            arguments("user-info in URI",
                "{\"callBackUri\": \"https://user:pw@dpeastus.svc.datafactory.azure.com/cb\"}",
                WebhookRequestError.CALLBACK_URI_HAS_CREDENTIALS_OR_FRAGMENT, "user-info"),
            arguments("fragment in URI", "{\"callBackUri\": \"https://dpeastus.svc.datafactory.azure.com/cb#x\"}",
                WebhookRequestError.CALLBACK_URI_HAS_CREDENTIALS_OR_FRAGMENT, "fragment"),
            arguments("host not allowed", "{\"callBackUri\": \"https://evil.example.com/cb?code=abc\"}",
                WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED, "not on the allow-list"),
            arguments("allowed host on another port",
                "{\"callBackUri\": \"https://x.azuresynapse.net:42567/cb?code=abc\"}",
                WebhookRequestError.CALLBACK_PORT_NOT_ALLOWED, "port 42567 is not allowed"),
            arguments("allowed host on port 80 over https",
                "{\"callBackUri\": \"https://dpeastus.svc.datafactory.azure.com:80/cb\"}",
                WebhookRequestError.CALLBACK_PORT_NOT_ALLOWED, "port 80"),
            arguments("cloud metadata address", "{\"callBackUri\": \"https://169.254.169.254/metadata\"}",
                WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED, "169.254.169.254"),
            arguments("suffix appended to allowed domain",
                "{\"callBackUri\": \"https://dpeastus.svc.datafactory.azure.com.evil.example/cb\"}",
                WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED, "not on the allow-list"),
            arguments("allowed domain without label boundary",
                "{\"callBackUri\": \"https://evildatafactory.azure.com/cb\"}",
                WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED, "not on the allow-list"),
            arguments("bare allowed suffix", "{\"callBackUri\": \"https://datafactory.azure.com/cb\"}",
                WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED, "not on the allow-list"),
            arguments("loopback without test opt-in", "{\"callBackUri\": \"https://127.0.0.1:8443/cb\"}",
                WebhookRequestError.CALLBACK_HOST_NOT_ALLOWED, "127.0.0.1"),
            arguments("localhost over http without opt-in", "{\"callBackUri\": \"http://localhost/cb\"}",
                WebhookRequestError.CALLBACK_URI_NOT_HTTPS, "must use https"),
            arguments("underscore host", "{\"callBackUri\": \"https://bad_host.datafactory.azure.com/cb\"}",
                WebhookRequestError.MALFORMED_CALLBACK_URI, "no host name"),
            arguments("overlong URI", "{\"callBackUri\": \"https://dpeastus.svc.datafactory.azure.com/"
                + "a".repeat(5000) + "\"}", WebhookRequestError.CALLBACK_URI_TOO_LONG, "at most 4096"),
            arguments("duplicate callBackUri", "{\"callBackUri\": \"" + GOOD_URI + "\", \"callBackUri\": "
                + "\"https://evil.example.com/\"}", WebhookRequestError.DUPLICATE_PROPERTY, "repeats a property"),
            arguments("nesting bomb", "{\"a\":" + "[".repeat(200) + "]".repeat(200) + ", \"callBackUri\": \""
                + GOOD_URI + "\"}", WebhookRequestError.TOO_DEEP, "deeper than 64"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void refusesHostileInputWithItsOwnError(String name, String body, WebhookRequestError expected, String message) {
        assertThatThrownBy(() -> WebhookRequest.parse(body))
            .isInstanceOfSatisfying(InvalidWebhookRequestException.class,
                e -> assertThat(e.getError()).isEqualTo(expected))
            .hasMessageContaining(message)
            .message().doesNotContain("SECRETTOKEN").doesNotContain("code=abc");
    }

    @Test
    void refusesNullBody() {
        assertThatThrownBy(() -> WebhookRequest.parse(null))
            .isInstanceOfSatisfying(InvalidWebhookRequestException.class,
                e -> assertThat(e.getError()).isEqualTo(WebhookRequestError.EMPTY_BODY));
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] body = {'{', (byte) 0xC3, (byte) 0x28, '}'};
        assertThatThrownBy(() -> WebhookRequest.parse(body, new WebhookRequestOptions()))
            .isInstanceOfSatisfying(InvalidWebhookRequestException.class,
                e -> assertThat(e.getError()).isEqualTo(WebhookRequestError.NOT_JSON))
            .hasMessageContaining("UTF-8");
    }

    @Test
    void refusesBodyOverTheConfiguredLimit() {
        String body = "{\"callBackUri\": \"" + GOOD_URI + "\", \"pad\": \"" + "x".repeat(2000) + "\"}";
        WebhookRequestOptions options = new WebhookRequestOptions().setMaxBodyBytes(1024);
        assertThatThrownBy(() -> WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8), options))
            .isInstanceOfSatisfying(InvalidWebhookRequestException.class,
                e -> assertThat(e.getError()).isEqualTo(WebhookRequestError.BODY_TOO_LARGE))
            .hasMessageContaining("the limit is 1024");
    }

    @Test
    void parsesTheUsersBodyWithoutCallbackUri() {
        WebhookRequest request = WebhookRequest.parse("{\"image\": \"etl:1.2\", \"args\": [\"--day\", \"2026-11-20\"],"
            + " \"callBackUri\": \"" + GOOD_URI + "\"}");

        assertThat(request.getCallbackUri()).isEqualTo(GOOD_URI);
        JsonNode body = request.getBody().toObject(JsonNode.class);
        assertThat(body.has("callBackUri")).isFalse();
        assertThat(body.get("image").asText()).isEqualTo("etl:1.2");
        assertThat(request.toString()).contains("dpeastus.svc.datafactory.azure.com").doesNotContain("SECRETTOKEN");
        assertThat(request.getRedactedCallbackUri()).contains("callbackUrl=REDACTED");
    }

    @Test
    void mapsTheBodyToTheCallersTypeStrictly() {
        WebhookRequest request = WebhookRequest.parse("{\"image\": \"etl:1.2\", \"retries\": 2, \"callBackUri\": \""
            + GOOD_URI + "\"}");
        assertThat(request.getBodyAs(JobBody.class)).isEqualTo(new JobBody("etl:1.2", 2));

        WebhookRequest typo = WebhookRequest.parse("{\"imgae\": \"etl:1.2\", \"retries\": 1, \"callBackUri\": \"" + GOOD_URI + "\"}");
        assertThatThrownBy(() -> typo.getBodyAs(JobBody.class))
            .isInstanceOfSatisfying(InvalidWebhookRequestException.class,
                e -> assertThat(e.getError()).isEqualTo(WebhookRequestError.BODY_NOT_MAPPABLE))
            .hasMessageContaining("imgae");
    }

    @Test
    void acceptsSynapseAndUppercaseHostsAndConfiguredHosts() {
        assertThat(WebhookRequest.parse("{\"callBackUri\": \"https://WESTEUROPE.SVC.DATAFACTORY.AZURE.COM/cb\"}")
            .getCallbackUri()).startsWith("https://WESTEUROPE");
        assertThat(WebhookRequest.parse("{\"callBackUri\": \"https://ws1.dev.azuresynapse.net/cb\"}")).isNotNull();

        WebhookRequestOptions custom = new WebhookRequestOptions()
            .setCallbackUriPolicy(CallbackUriPolicy.none().allowHostSuffix("contoso.example"));
        byte[] body = "{\"callBackUri\": \"https://adf.contoso.example/cb\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookRequest.parse(body, custom).getCallbackUri()).isEqualTo("https://adf.contoso.example/cb");
    }

    @Test
    void anotherPortIsAcceptedOnlyWhenThePolicyAllowsIt() {
        byte[] body = "{\"callBackUri\": \"https://ws1.azuresynapse.net:8443/cb\"}".getBytes(StandardCharsets.UTF_8);
        WebhookRequestOptions withPort = new WebhookRequestOptions()
            .setCallbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowPort(8443));

        assertThat(WebhookRequest.parse(body, withPort).getCallbackUri()).endsWith(":8443/cb");
        assertThat(WebhookRequest.parse("{\"callBackUri\": \"https://ws1.azuresynapse.net:443/cb\"}")).isNotNull();
    }

    @Test
    void loopbackIsAllowedOnlyAfterTheTestOptIn() {
        WebhookRequestOptions local = new WebhookRequestOptions()
            .setCallbackUriPolicy(CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting());
        byte[] body = "{\"callBackUri\": \"http://127.0.0.1:8080/callback/1?code=x\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookRequest.parse(body, local).getCallbackUri()).startsWith("http://127.0.0.1:8080");
    }

    record JobBody(String image, int retries) {
    }
}
