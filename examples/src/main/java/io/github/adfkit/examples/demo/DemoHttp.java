package io.github.adfkit.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The plain HTTP calls the tour makes where a pipeline's Web or WebHook activity, or a person's browser, would.
 */
final class DemoHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /**
     * @param url where to post
     * @param json the body
     * @param headers header names and values, alternating
     * @return the response
     */
    HttpResponse<String> postJson(String url, String json, String... headers) {
        return send(request(url, headers).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * @param url where to post
     * @param form the form body, already encoded
     * @return the response
     */
    HttpResponse<String> postForm(String url, String form) {
        return send(request(url).header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * @param url what to get
     * @param headers header names and values, alternating
     * @return the response
     */
    HttpResponse<String> get(String url, String... headers) {
        return send(request(url, headers).GET());
    }

    /**
     * @param response a response
     * @param status the status it must have
     * @param what the call, for the failure message
     * @return the response
     * @throws DemoStepFailure if the status differs
     */
    static HttpResponse<String> expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new DemoStepFailure(what + " answered " + response.statusCode() + " instead of " + status + ": "
                + abbreviated(response.body()));
        }
        return response;
    }

    /**
     * @param response a response with a JSON body
     * @return the body
     * @throws DemoStepFailure if it is not JSON
     */
    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DemoStepFailure("the answer is not JSON: " + abbreviated(response.body()));
        }
    }

    private static HttpRequest.Builder request(String url, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        return headers.length == 0 ? builder : builder.headers(headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoStepFailure("interrupted");
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "...";
    }
}
