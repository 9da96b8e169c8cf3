package io.github.adfkit.testing.telemetry;

import com.azure.core.util.Context;
import com.azure.core.util.MetricsOptions;
import com.azure.core.util.TelemetryAttributes;
import com.azure.core.util.metrics.DoubleHistogram;
import com.azure.core.util.metrics.LongCounter;
import com.azure.core.util.metrics.Meter;
import com.azure.core.util.metrics.MeterProvider;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;

import java.util.Map;

/**
 * A test-only azure-core {@link MeterProvider} that records into an OpenTelemetry SDK: the stand-in for
 * {@code azure-core-metrics-opentelemetry} where that plugin cannot be resolved. It serves only meters asked for
 * with its {@link Options}; any other request gets a disabled meter, so it never takes an application's metrics.
 * Counters are bridged (adfkit reports counters only).
 */
public final class OpenTelemetryMeterBridge implements MeterProvider {
    /**
     * Created by azure-core's service loader.
     */
    public OpenTelemetryMeterBridge() {
    }

    @Override
    public Meter createMeter(String libraryName, String libraryVersion, MetricsOptions options) {
        io.opentelemetry.api.metrics.Meter meter = options instanceof Options bridged && options.isEnabled()
            ? bridged.openTelemetry.getMeter(libraryName) : null;
        return new BridgedMeter(meter);
    }

    /**
     * Metrics options that select this provider and the SDK to record into.
     */
    public static final class Options extends MetricsOptions {
        private final OpenTelemetry openTelemetry;

        /**
         * @param openTelemetry the SDK
         */
        public Options(OpenTelemetry openTelemetry) {
            super(OpenTelemetryMeterBridge.class);
            this.openTelemetry = openTelemetry;
        }
    }

    private record BridgedAttributes(Attributes attributes) implements TelemetryAttributes {
    }

    private record BridgedMeter(io.opentelemetry.api.metrics.Meter meter) implements Meter {
        @Override
        public LongCounter createLongCounter(String name, String description, String unit) {
            io.opentelemetry.api.metrics.LongCounter counter = meter == null ? null
                : meter.counterBuilder(name).setDescription(description).setUnit(unit).build();
            return new LongCounter() {
                @Override
                public void add(long value, TelemetryAttributes attributes, Context context) {
                    if (counter != null) {
                        counter.add(value, ((BridgedAttributes) attributes).attributes());
                    }
                }

                @Override
                public boolean isEnabled() {
                    return counter != null;
                }
            };
        }

        @Override
        public LongCounter createLongUpDownCounter(String name, String description, String unit) {
            throw new UnsupportedOperationException("Only counters are bridged.");
        }

        @Override
        public DoubleHistogram createDoubleHistogram(String name, String description, String unit) {
            throw new UnsupportedOperationException("Only counters are bridged.");
        }

        @Override
        public TelemetryAttributes createAttributes(Map<String, Object> attributes) {
            AttributesBuilder builder = Attributes.builder();
            attributes.forEach((key, value) -> builder.put(key, String.valueOf(value)));
            return new BridgedAttributes(builder.build());
        }

        @Override
        public boolean isEnabled() {
            return meter != null;
        }

        @Override
        public void close() {
        }
    }
}
