package io.github.adfkit.durable.server;

import com.azure.core.exception.AzureException;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.rest.Response;
import com.azure.core.http.rest.SimpleResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.polling.AsyncPollResponse;
import com.azure.core.util.polling.DefaultPollingStrategy;
import com.azure.core.util.polling.LocationPollingStrategy;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.OperationResourcePollingStrategy;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.PollerFlux;
import com.azure.core.util.polling.PollingStrategy;
import com.azure.core.util.polling.SyncDefaultPollingStrategy;
import com.azure.core.util.polling.SyncLocationPollingStrategy;
import com.azure.core.util.polling.SyncOperationResourcePollingStrategy;
import com.azure.core.util.polling.SyncPoller;
import com.azure.core.util.polling.SyncPollingStrategy;
import com.azure.core.util.serializer.TypeReference;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.durable.server.models.SingleFlightMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real azure-core pollers (azure-core 1.57.1: {@link SyncPoller} and {@link PollerFlux}, with the default
 * strategy and each concrete one) against the server with its default settings, reached over HTTP through the JDK
 * adapter and in-process through the Azure Functions adapter. The outcome each poller reports must be the
 * operation's: the result from {@code getFinalResult}, FAILED for a failure or a single-flight conflict, and for a
 * cancel USER_CANCELLED where the strategy reads a status monitor (FAILED where it reads only HTTP codes).
 */
class AzureCorePollerInteropTest {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final TypeReference<BinaryData> POLL_TYPE = TypeReference.createInstance(BinaryData.class);
    private static final TypeReference<Map<String, Object>> RESULT_TYPE = new TypeReference<>() {
    };

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Instant> statusPolls = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    enum Transport { JDK, FUNCTIONS }

    enum Strategy { DEFAULT, LOCATION, OPERATION_RESOURCE }

    enum Mode { SYNC, ASYNC }

    static Stream<Arguments> clients() {
        List<Arguments> all = new ArrayList<>();
        for (Transport transport : Transport.values()) {
            for (Strategy strategy : Strategy.values()) {
                for (Mode mode : Mode.values()) {
                    all.add(Arguments.of(transport, strategy, mode));
                }
            }
        }
        return all.stream();
    }

    @AfterEach
    void closeAll() throws Exception {
        release.countDown();
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("clients")
    void successEndsWithTheResult(Transport transport, Strategy strategy, Mode mode) {
        Client client = client(transport, strategy, mode);

        Outcome outcome = client.run("ok", null);

        assertThat(outcome.status()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(outcome.result()).isEqualTo(Map.of("distinctIds", SeedQuery.SEED_RESULT));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("clients")
    void failureEndsFailed(Transport transport, Strategy strategy, Mode mode) {
        Client client = client(transport, strategy, mode);

        Outcome outcome = client.run("fail", null);

        assertThat(outcome.status()).isEqualTo(LongRunningOperationStatus.FAILED);
        assertThat(outcome.resultError()).isInstanceOf(AzureException.class);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("clients")
    void cancelEndsCanceled(Transport transport, Strategy strategy, Mode mode) {
        Client client = client(transport, strategy, mode);

        Outcome outcome = client.run("block", statusUri -> client.send(HttpMethod.DELETE, statusUri));

        assertThat(outcome.status()).isEqualTo(strategy == Strategy.LOCATION ? LongRunningOperationStatus.FAILED
            : LongRunningOperationStatus.USER_CANCELLED);
        assertThat(outcome.resultError()).isInstanceOf(AzureException.class);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("clients")
    void aSingleFlightConflictEndsFailed(Transport transport, Strategy strategy, Mode mode) {
        Client client = client(transport, strategy, mode);
        HttpResponse first = client.send(HttpMethod.POST, client.base + "/api/submit/work?mode=block");
        assertThat(first.getStatusCode()).isEqualTo(202);

        Outcome outcome = client.run("block", null);

        assertThat(outcome.status()).isEqualTo(LongRunningOperationStatus.FAILED);
        assertThat(outcome.resultError()).isInstanceOf(AzureException.class);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("clients")
    void aSlowOperationIsPolledAsRetryAfterSays(Transport transport, Strategy strategy, Mode mode) {
        Client client = client(transport, strategy, mode);

        Outcome outcome = client.run("slow", null);

        assertThat(outcome.status()).isEqualTo(LongRunningOperationStatus.SUCCESSFULLY_COMPLETED);
        assertThat(outcome.result()).isEqualTo(Map.of("distinctIds", SeedQuery.SEED_RESULT));
        assertThat(statusPolls).hasSizeBetween(2, 5);
        for (int i = 1; i < statusPolls.size(); i++) {
            assertThat(Duration.between(statusPolls.get(i - 1), statusPolls.get(i)))
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    private Client client(Transport transport, Strategy strategy, Mode mode) {
        AsyncOperationServer server = new AsyncOperationServerBuilder().retryAfter(Duration.ofSeconds(1))
            .addOperationKind(OperationKind.of("work", request -> request.getQueryParameter("mode"), this::work)
                .withSingleFlight(input -> "block".equals(input) ? "block" : null, SingleFlightMode.CONFLICT))
            .buildServer();
        toClose.add(server);
        HostHandler counted = request -> {
            HostResponse response = server.handle(request);
            if (request.getPath().startsWith("/api/status/") && !request.getPath().endsWith("/result")) {
                statusPolls.add(Instant.now());
            }
            return response;
        };
        HttpPipelineBuilder pipeline = new HttpPipelineBuilder().policies(new RetryPolicy());
        String base;
        if (transport == Transport.JDK) {
            LoopbackHost host = new LoopbackHost(counted);
            toClose.add(host);
            base = host.base();
        } else {
            pipeline.httpClient(new FunctionsHostHttpClient(counted));
            base = "https://adfkit-functions.test";
        }
        return new Client(pipeline.build(), base, strategy, mode);
    }

    private Object work(String mode) throws Exception {
        switch (mode) {
            case "fail" -> throw new OperationFailedException("The audit table is not reachable.");
            case "block" -> release.await();
            case "slow" -> assertThat(release.await(2500, TimeUnit.MILLISECONDS)).isFalse();
            default -> {
            }
        }
        return Map.of("distinctIds", SeedQuery.SEED_RESULT);
    }

    /**
     * What a poller reported.
     *
     * @param status the final poll status
     * @param result the final result, or {@code null} if getting it failed
     * @param resultError why getting the final result failed, or {@code null}
     */
    record Outcome(LongRunningOperationStatus status, Map<String, Object> result, Throwable resultError) {
    }

    /** Something to do with the status URL once the poller has started. */
    interface WhileRunning {
        void accept(String statusUri);
    }

    /** One azure-core poller configuration against one server. */
    static final class Client {
        private final HttpPipeline pipeline;
        private final String base;
        private final Strategy strategy;
        private final Mode mode;

        Client(HttpPipeline pipeline, String base, Strategy strategy, Mode mode) {
            this.pipeline = pipeline;
            this.base = base;
            this.strategy = strategy;
            this.mode = mode;
        }

        HttpResponse send(HttpMethod method, String url) {
            return pipeline.sendSync(new HttpRequest(method, url), com.azure.core.util.Context.NONE);
        }

        Outcome run(String workMode, WhileRunning whileRunning) {
            String submitUrl = base + "/api/submit/work?mode=" + workMode;
            AtomicReference<String> statusUri = new AtomicReference<>();
            java.util.function.Supplier<Response<?>> start = () -> {
                HttpResponse response = send(HttpMethod.POST, submitUrl);
                statusUri.set(response.getHeaders().getValue(com.azure.core.http.HttpHeaderName.LOCATION));
                return new SimpleResponse<>(response.getRequest(), response.getStatusCode(), response.getHeaders(),
                    response.getBodyAsBinaryData());
            };
            return mode == Mode.SYNC ? runSync(start, statusUri, whileRunning)
                : runAsync(start, statusUri, whileRunning);
        }

        private Outcome runSync(java.util.function.Supplier<Response<?>> start, AtomicReference<String> statusUri,
            WhileRunning whileRunning) {
            SyncPoller<BinaryData, Map<String, Object>> poller = SyncPoller.createPoller(POLL_INTERVAL, start,
                syncStrategy(), POLL_TYPE, RESULT_TYPE);
            if (whileRunning != null) {
                whileRunning.accept(statusUri.get());
            }
            PollResponse<BinaryData> last = poller.waitForCompletion(DEADLINE);
            try {
                return new Outcome(last.getStatus(), poller.getFinalResult(), null);
            } catch (RuntimeException noResult) {
                return new Outcome(last.getStatus(), null, noResult);
            }
        }

        private Outcome runAsync(java.util.function.Supplier<Response<?>> start, AtomicReference<String> statusUri,
            WhileRunning whileRunning) {
            PollerFlux<BinaryData, Map<String, Object>> poller = PollerFlux.create(POLL_INTERVAL,
                () -> Mono.fromCallable(start::get), asyncStrategy(), POLL_TYPE, RESULT_TYPE);
            AsyncPollResponse<BinaryData, Map<String, Object>> last = poller
                .doOnNext(response -> {
                    String running = statusUri.get();
                    if (whileRunning != null && !response.getStatus().isComplete() && running != null
                        && statusUri.compareAndSet(running, null)) {
                        Schedulers.boundedElastic().schedule(() -> whileRunning.accept(running));
                    }
                })
                .takeUntil(response -> response.getStatus().isComplete()).last().block(DEADLINE);
            try {
                return new Outcome(last.getStatus(), last.getFinalResult().block(DEADLINE), null);
            } catch (RuntimeException noResult) {
                return new Outcome(last.getStatus(), null, noResult);
            }
        }

        private SyncPollingStrategy<BinaryData, Map<String, Object>> syncStrategy() {
            return switch (strategy) {
                case DEFAULT -> new SyncDefaultPollingStrategy<>(pipeline);
                case LOCATION -> new SyncLocationPollingStrategy<>(pipeline);
                case OPERATION_RESOURCE -> new SyncOperationResourcePollingStrategy<>(pipeline);
            };
        }

        private PollingStrategy<BinaryData, Map<String, Object>> asyncStrategy() {
            return switch (strategy) {
                case DEFAULT -> new DefaultPollingStrategy<>(pipeline);
                case LOCATION -> new LocationPollingStrategy<>(pipeline);
                case OPERATION_RESOURCE -> new OperationResourcePollingStrategy<>(pipeline);
            };
        }
    }
}
