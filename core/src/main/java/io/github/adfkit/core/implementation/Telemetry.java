package io.github.adfkit.core.implementation;

import com.azure.core.util.ClientOptions;
import com.azure.core.util.Configuration;
import com.azure.core.util.Context;
import com.azure.core.util.MetricsOptions;
import com.azure.core.util.TracingOptions;
import com.azure.core.util.metrics.LongCounter;
import com.azure.core.util.metrics.Meter;
import com.azure.core.util.metrics.MeterProvider;
import com.azure.core.util.tracing.SpanKind;
import com.azure.core.util.tracing.StartSpanOptions;
import com.azure.core.util.tracing.Tracer;
import com.azure.core.util.tracing.TracerProvider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * adfkit's spans and counters, through azure-core's tracing and meter API: whatever plugin the application has
 * (OpenTelemetry through {@code azure-core-tracing-opentelemetry} and {@code azure-core-metrics-opentelemetry}) receives
 * them, and with none they cost nothing. Honours the {@link TracingOptions} and {@link MetricsOptions} of the client's
 * {@link ClientOptions}, else azure-core's configuration. Attributes carry outcomes and names, never a secret.
 */
public final class Telemetry {
    /** The instrumentation library name: adfkit's spans and instruments are reported under it. */
    public static final String LIBRARY = "adfkit";
    /** The instrumentation library version: adfkit's version, from the build. */
    public static final String VERSION = SdkVersion.VERSION;
    /** The attribute every span and counter carries for how a flow ended. */
    public static final String OUTCOME = "adfkit.outcome";

    private static final Telemetry DEFAULT = new Telemetry(null);

    private final Tracer tracer;
    private final Meter meter;
    private final Map<String, LongCounter> counters = new ConcurrentHashMap<>();

    private Telemetry(ClientOptions options) {
        Configuration configuration = Configuration.getGlobalConfiguration();
        TracingOptions tracing = options != null && options.getTracingOptions() != null
            ? options.getTracingOptions() : TracingOptions.fromConfiguration(configuration);
        MetricsOptions metrics = options != null && options.getMetricsOptions() != null
            ? options.getMetricsOptions() : MetricsOptions.fromConfiguration(configuration);
        this.tracer = TracerProvider.getDefaultProvider().createTracer(LIBRARY, VERSION, null, tracing);
        this.meter = MeterProvider.getDefaultProvider().createMeter(LIBRARY, VERSION, metrics);
    }

    /**
     * @param options the client's options; {@code null} for azure-core's configuration
     * @return the telemetry of a client built with these options
     */
    public static Telemetry of(ClientOptions options) {
        return options == null || options.getTracingOptions() == null && options.getMetricsOptions() == null
            ? DEFAULT : new Telemetry(options);
    }

    /**
     * @return the tracer, for the HTTP pipeline's instrumentation
     */
    public Tracer tracer() {
        return tracer;
    }

    /**
     * Starts a span around one flow (a job's life, an operation's life, a callback delivery, a restart).
     *
     * @param name the span name, e.g. {@code adfkit.job}
     * @param attributes identifying attributes: names and ids, never a secret
     * @return the flow, to end once
     */
    public Flow start(String name, Map<String, Object> attributes) {
        if (!tracer.isEnabled()) {
            return new Flow(tracer, Context.NONE);
        }
        StartSpanOptions options = new StartSpanOptions(SpanKind.INTERNAL);
        attributes.forEach(options::setAttribute);
        return new Flow(tracer, tracer.start(name, options, Context.NONE));
    }

    /**
     * Adds one to a counter.
     *
     * @param name the instrument name, e.g. {@code adfkit.jobs}
     * @param description what it counts
     * @param attributes its attributes, e.g. the outcome
     */
    public void count(String name, String description, Map<String, Object> attributes) {
        if (!meter.isEnabled()) {
            return;
        }
        counters.computeIfAbsent(name, n -> meter.createLongCounter(n, description, "{" + unitOf(n) + "}"))
            .add(1, meter.createAttributes(attributes), Context.NONE);
    }

    private static String unitOf(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /**
     * A started span: ended once with its outcome.
     */
    public static final class Flow {
        private final Tracer tracer;
        private final Context context;
        private final AtomicBoolean ended = new AtomicBoolean();

        Flow(Tracer tracer, Context context) {
            this.tracer = tracer;
            this.context = context;
        }

        /**
         * @return the span's context, for calls made within the flow
         */
        public Context context() {
            return context;
        }

        /**
         * Ends the span; later calls do nothing.
         *
         * @param outcome how the flow ended, e.g. {@code succeeded}
         * @param error the error when it failed, without secrets (a redacted message); {@code null} when it did not
         */
        public void end(String outcome, String error) {
            if (context == Context.NONE || !ended.compareAndSet(false, true)) {
                return;
            }
            tracer.setAttribute(OUTCOME, outcome, context);
            tracer.end(error, null, context);
        }
    }
}
