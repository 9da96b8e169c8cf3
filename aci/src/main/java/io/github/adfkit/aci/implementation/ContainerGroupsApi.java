package io.github.adfkit.aci.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.adfkit.core.implementation.Endpoints;
import io.github.adfkit.core.implementation.Json;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.Objects;

/**
 * The {@code Microsoft.ContainerInstance/containerGroups} REST operations adfkit uses, over an azure-core
 * {@link HttpPipeline}, exactly as the ARM contract names them. Every method answers with the response, whatever
 * its status; an I/O failure is an error signal. Nothing here retries: {@link JobRun} decides. Every read's answer
 * is shown to the subscription's {@link ArmReadBudget} (remaining reads, {@code 429} pauses).
 */
public final class ContainerGroupsApi {
    private final HttpPipeline pipeline;
    private final String endpoint;
    private final String apiVersion;
    private final ArmReadBudget readBudget;

    /**
     * @param pipeline the pipeline (authentication, logging)
     * @param endpoint the ARM endpoint, such as {@code https://management.azure.com}
     * @param apiVersion the api-version every request names (pinned, as the Azure SDK guidelines advise)
     * @param readBudget the subscription's read budget, shown every read's answer
     */
    public ContainerGroupsApi(HttpPipeline pipeline, String endpoint, String apiVersion, ArmReadBudget readBudget) {
        this.pipeline = Objects.requireNonNull(pipeline, "'pipeline' cannot be null.");
        this.apiVersion = Objects.requireNonNull(apiVersion, "'apiVersion' cannot be null.");
        this.endpoint = Endpoints.withoutTrailingSlash(endpoint, "endpoint");
        this.readBudget = Objects.requireNonNull(readBudget, "'readBudget' cannot be null.");
    }

    /**
     * {@code PUT P}: create or update the group (200 updated, 201 created).
     *
     * @param group the group
     * @param body the ContainerGroup definition
     * @return the answer
     */
    public Mono<ArmResponse> createOrUpdate(ContainerGroupRef group, ObjectNode body) {
        HttpRequest request = new HttpRequest(HttpMethod.PUT, url(group.path()))
            .setHeader(HttpHeaderName.CONTENT_TYPE, "application/json")
            .setBody(BinaryData.fromString(body.toString()));
        return send(request);
    }

    /**
     * {@code GET P}: the group with its instance view (200), or 404.
     *
     * @param group the group
     * @return the answer
     */
    public Mono<ArmResponse> get(ContainerGroupRef group) {
        return send(new HttpRequest(HttpMethod.GET, url(group.path())));
    }

    /**
     * {@code DELETE P}: 200 deleted, 202 deletion started, 204 not found.
     *
     * @param group the group
     * @return the answer
     */
    public Mono<ArmResponse> delete(ContainerGroupRef group) {
        return send(new HttpRequest(HttpMethod.DELETE, url(group.path())));
    }

    /**
     * {@code POST P/start}: 202 starting, 204 already running.
     *
     * @param group the group
     * @return the answer
     */
    public Mono<ArmResponse> start(ContainerGroupRef group) {
        return send(new HttpRequest(HttpMethod.POST, url(group.path() + "/start")));
    }

    /**
     * {@code POST P/stop}: 204; compute is deallocated and billing stops.
     *
     * @param group the group
     * @return the answer
     */
    public Mono<ArmResponse> stop(ContainerGroupRef group) {
        return send(new HttpRequest(HttpMethod.POST, url(group.path() + "/stop")));
    }

    /**
     * {@code GET P/containers/{container}/logs?tail=n}: 200 {@code {"content": "..."}}.
     *
     * @param group the group
     * @param tail how many lines
     * @return the answer
     */
    public Mono<ArmResponse> logs(ContainerGroupRef group, int tail) {
        return logs(group, tail, false);
    }

    /**
     * {@code GET P/containers/{container}/logs?tail=n&timestamps=true}: 200 {@code {"content": "..."}}, each line
     * starting with its RFC 3339 timestamp and a space; 404 {@code ContainerLogNotAvailable} before the container
     * has started.
     *
     * @param group the group
     * @param tail how many lines
     * @param timestamps whether each line starts with its timestamp
     * @return the answer
     */
    public Mono<ArmResponse> logs(ContainerGroupRef group, int tail, boolean timestamps) {
        String path = group.path() + "/containers/" + group.containerName() + "/logs";
        return send(new HttpRequest(HttpMethod.GET, url(path) + "&tail=" + tail
            + (timestamps ? "&timestamps=true" : "")));
    }

    private String url(String path) {
        return endpoint + path + "?api-version=" + apiVersion;
    }

    private Mono<ArmResponse> send(HttpRequest request) {
        Mono<ArmResponse> answer = send(pipeline, request);
        return request.getHttpMethod() == HttpMethod.GET ? answer.doOnNext(readBudget::observe) : answer;
    }

    /**
     * Sends a request and reads the whole answer, whatever its status.
     *
     * @param pipeline the pipeline
     * @param request the request
     * @return the answer; an I/O failure is an error signal
     */
    static Mono<ArmResponse> send(HttpPipeline pipeline, HttpRequest request) {
        return Mono.usingWhen(pipeline.send(request), ContainerGroupsApi::read,
            response -> Mono.fromRunnable(response::close));
    }

    private static Mono<ArmResponse> read(HttpResponse response) {
        return response.getBodyAsByteArray()
            .map(bytes -> new ArmResponse(response.getStatusCode(), response.getHeaders(), parse(bytes)))
            .defaultIfEmpty(ArmResponse.withoutBody(response.getStatusCode(), response.getHeaders()));
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
