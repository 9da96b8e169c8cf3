package io.github.adfkit.benchmarks.aci;

import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The anchor's way of watching one job (Airflow's operator): a thread of its own that GETs the container group once
 * per second, blocking, until the container is {@code Terminated}. Here the "second" is a tick of the benchmark's
 * manual clock, so an hour is simulated quickly.
 */
final class NaivePerJobPoller implements Runnable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpPipeline pipeline;
    private final String groupUrl;
    private final Supplier<Instant> clock;
    private final WatchMeasurement measurement;
    private final Semaphore tick = new Semaphore(0);
    private final Semaphore polled = new Semaphore(0);
    private volatile boolean done;

    NaivePerJobPoller(HttpPipeline pipeline, String groupUrl, Supplier<Instant> clock,
        WatchMeasurement measurement) {
        this.pipeline = pipeline;
        this.groupUrl = groupUrl;
        this.clock = clock;
        this.measurement = measurement;
    }

    /** Lets the thread make its next poll. */
    void tick() {
        tick.release();
    }

    /** Waits until the poll of the current tick is done. */
    void awaitPolled() throws InterruptedException {
        polled.acquire();
    }

    boolean isDone() {
        return done;
    }

    @Override
    public void run() {
        try {
            while (!done) {
                tick.acquire();
                poll();
                polled.release();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try (HttpResponse response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, groupUrl), Context.NONE)) {
            if (response.getStatusCode() != 200) {
                return;
            }
            JsonNode state = MAPPER.readTree(response.getBodyAsBinaryData().toBytes())
                .at("/properties/containers/0/properties/instanceView/currentState");
            if ("Terminated".equals(state.path("state").asText())) {
                Instant finished = OffsetDateTime.parse(state.path("finishTime").asText()).toInstant();
                measurement.detected(Duration.between(finished, clock.get()));
                done = true;
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
