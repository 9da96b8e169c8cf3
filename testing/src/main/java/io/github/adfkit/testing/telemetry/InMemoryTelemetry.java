package io.github.adfkit.testing.telemetry;

import com.azure.core.tracing.opentelemetry.OpenTelemetryTracingOptions;
import com.azure.core.util.ClientOptions;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import java.util.List;
import java.util.Map;

/**
 * An OpenTelemetry SDK whose spans and metrics stay in memory, and the {@link ClientOptions} that point an adfkit
 * client builder at it: tracing through {@code azure-core-tracing-opentelemetry}, metrics through azure-core's meter
 * API ({@link OpenTelemetryMeterBridge}). Close it after the test.
 */
public final class InMemoryTelemetry implements AutoCloseable {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .build();

    /**
     * Creates the SDK.
     */
    public InMemoryTelemetry() {
    }

    /**
     * @return options for a builder's {@code clientOptions(...)}: its spans and counters land here
     */
    public ClientOptions clientOptions() {
        return new ClientOptions()
            .setTracingOptions(new OpenTelemetryTracingOptions().setOpenTelemetry(sdk))
            .setMetricsOptions(new OpenTelemetryMeterBridge.Options(sdk));
    }

    /**
     * @return the ended spans so far
     */
    public List<SpanData> spans() {
        return spans.getFinishedSpanItems();
    }

    /**
     * @param name a span name
     * @return the ended spans of that name
     */
    public List<SpanData> spans(String name) {
        return spans().stream().filter(span -> span.getName().equals(name)).toList();
    }

    /**
     * Sums a counter over the points whose attributes include the given ones.
     *
     * @param name the instrument name
     * @param attributes attribute values the points must have; empty for all
     * @return the sum, 0 if nothing was counted
     */
    public long count(String name, Map<String, String> attributes) {
        long sum = 0;
        for (MetricData metric : metrics.collectAllMetrics()) {
            if (!metric.getName().equals(name)) {
                continue;
            }
            for (LongPointData point : metric.getLongSumData().getPoints()) {
                boolean matches = attributes.entrySet().stream().allMatch(expected -> expected.getValue()
                    .equals(point.getAttributes().get(AttributeKey.stringKey(expected.getKey()))));
                sum += matches ? point.getValue() : 0;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        sdk.close();
    }
}
