package io.github.adfkit.durable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;

import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

/**
 * Bodies and URLs of a Durable Functions host, as the host sends them: the 202 check-status payload whose URLs carry
 * the system key in {@code code=}, and the instance status payload.
 */
final class DurableHost {
    static final String KEY = "S3cretSystemKey==";
    static final String INSTANCE_PATH = "/runtime/webhooks/durabletask/instances/abc";

    private DurableHost() {
    }

    static String statusUrl(WireMockServer server) {
        return server.baseUrl() + INSTANCE_PATH + "?taskHub=Hub&connection=Storage&code=" + KEY;
    }

    static String checkStatusPayload(WireMockServer server) {
        String base = server.baseUrl() + INSTANCE_PATH;
        String query = "taskHub=Hub&connection=Storage&code=" + KEY;
        return "{\"id\":\"abc\",\"statusQueryGetUri\":\"" + base + "?" + query + "\","
            + "\"sendEventPostUri\":\"" + base + "/raiseEvent/{eventName}?" + query + "\","
            + "\"terminatePostUri\":\"" + base + "/terminate?reason={text}&" + query + "\","
            + "\"purgeHistoryDeleteUri\":\"" + base + "?" + query + "\"}";
    }

    static String status(String runtimeStatus, String outputJson) {
        return status(runtimeStatus, "{\"step\":2}", outputJson);
    }

    static String status(String runtimeStatus, String customStatusJson, String outputJson) {
        return "{\"name\":\"Export\",\"instanceId\":\"abc\",\"runtimeStatus\":\"" + runtimeStatus + "\","
            + "\"input\":{\"day\":\"2026-11-20\"},\"customStatus\":" + customStatusJson + ",\"output\":" + outputJson
            + ","
            + "\"createdTime\":\"2026-11-21T10:00:00Z\",\"lastUpdatedTime\":\"2026-11-21T10:05:00Z\"}";
    }

    /**
     * The host's answer to a start request: 202 with the status URL in {@code Location}, a wait hint, and the
     * check-status payload.
     *
     * @param retryHeader the wait hint's header, such as {@code Retry-After} or {@code retry-after-ms}
     * @param retryValue its value
     */
    static ResponseDefinitionBuilder accepted(WireMockServer server, String retryHeader, String retryValue) {
        return aResponse().withStatus(202).withHeader("Location", statusUrl(server))
            .withHeader(retryHeader, retryValue).withBody(checkStatusPayload(server));
    }

    /**
     * Answers the instance's status URL (with the key) with each answer in turn; the last one repeats. The scenario
     * is named {@code status}, so other stubs can move it on.
     */
    static void stubStatusSequence(WireMockServer server, ResponseDefinitionBuilder... answers) {
        stubSequence(server, () -> get(urlPathEqualTo(INSTANCE_PATH)).withQueryParam("code", equalTo(KEY)), "status",
            answers);
    }

    /**
     * Answers a request with each answer in turn, in the named scenario; the last one repeats.
     */
    static void stubSequence(WireMockServer server, Supplier<MappingBuilder> request, String scenario,
        ResponseDefinitionBuilder... answers) {
        for (int i = 0; i < answers.length; i++) {
            ScenarioMappingBuilder mapping = request.get().inScenario(scenario)
                .whenScenarioStateIs(i == 0 ? STARTED : "poll" + i).willReturn(answers[i]);
            server.stubFor(i < answers.length - 1 ? mapping.willSetStateTo("poll" + (i + 1)) : mapping);
        }
    }
}
