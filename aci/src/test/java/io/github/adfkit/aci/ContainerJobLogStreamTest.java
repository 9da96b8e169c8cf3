package io.github.adfkit.aci;

import com.azure.core.util.polling.SyncPoller;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobStatus;
import io.github.adfkit.testing.aci.AciScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerJobLogStreamTest extends OnFakeAci {
    private static final String LOGS_PATH = ".*/containers/job/logs";

    private final List<String> streamed = new CopyOnWriteArrayList<>();
    private final Map<String, Instant> streamedAt = new ConcurrentHashMap<>();

    private ContainerJobResult run(ContainerJobSpec spec) {
        return run(spec, ContainerJobSpec.DEFAULT_LOG_STREAM_TAIL_LINES);
    }

    private ContainerJobResult run(ContainerJobSpec spec, int tailLines) {
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(spec.setLogListener(line -> {
            streamed.add(line);
            streamedAt.put(line, fake.clock.now());
        }, tailLines));
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(2));
        return poller.getFinalResult();
    }

    private long streamingReads() {
        return fake.aci.requests().stream().filter(request -> request.getUrl().contains("timestamps=true")).count();
    }

    @Test
    void eachLineIsStreamedOnceInOrderWhileTheContainerRunsThoughReadsOverlap() {
        String[] lines = IntStream.rangeClosed(1, 20).mapToObj(i -> "row batch " + i).toArray(String[]::new);
        fake.aci.scenarioFor("stream", AciScenario.runsFor(Duration.ofMinutes(10)).withLogs(lines)
            .withLogLineEvery(Duration.ofSeconds(30)));

        ContainerJobResult result = run(FakeAci.spec("stream"), 4);

        assertThat(result.isSucceeded()).isTrue();
        assertThat(streamed).containsExactly(lines);
        assertThat(streamingReads()).isGreaterThan(10);
        Instant finished = result.getStatus().getFinishTime().toInstant();
        assertThat(streamedAt.get("row batch 1")).isBefore(finished);
        assertThat(streamedAt.get("row batch 10")).isBefore(finished);
    }

    @Test
    void linesWithTheSameTimestampAndTheSameTextAreEachStreamedOnce() {
        fake.aci.scenarioFor("same-time", AciScenario.runsFor(Duration.ofMinutes(5)).withLogs("tick", "tock", "tick"));

        run(FakeAci.spec("same-time"));

        assertThat(streamed).containsExactly("tick", "tock", "tick");
        assertThat(streamingReads()).isGreaterThan(2);
    }

    @Test
    void linesPrintedAsTheContainerEndsAreStreamedByAReadAfterTheEnd() {
        fake.aci.scenarioFor("last", AciScenario.runsFor(Duration.ofMinutes(4))
            .withLogs("start", "half way", "almost", "done", "exit")
            .withLogLineEvery(Duration.ofMinutes(1)));

        ContainerJobResult result = run(FakeAci.spec("last"));

        assertThat(streamed).containsExactly("start", "half way", "almost", "done", "exit");
        Instant finished = result.getStatus().getFinishTime().toInstant();
        assertThat(streamedAt.get("exit")).isAfterOrEqualTo(finished);
        List<String> requests = fake.requestLines();
        assertThat(requests.lastIndexOf("GET last/containers/job/logs")).isLessThan(requests.indexOf("DELETE last"));
        assertThat(result.getLogTail()).isEqualTo("start\nhalf way\nalmost\ndone\nexit\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 500})
    void aFailingLogReadIsSkippedAndNeverFailsTheJob(int status) {
        fake.aci.scenarioFor("no-logs", AciScenario.runsFor(Duration.ofMinutes(5)).withLogs("hidden"));
        fake.aci.stubFor(WireMock.get(WireMock.urlPathMatching(LOGS_PATH)).atPriority(1)
            .willReturn(WireMock.jsonResponse("{\"error\": {\"code\": \"ContainerLogNotAvailable\", \"message\": "
                + "\"Log of container 'job' is not available yet.\"}}", status)));

        ContainerJobResult result = run(FakeAci.spec("no-logs"));

        assertThat(result.isSucceeded()).isTrue();
        assertThat(streamed).isEmpty();
        assertThat(streamingReads()).isGreaterThan(2);
        assertThat(fake.aci.groupExists("no-logs")).isFalse();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheStreamOrTheJob() {
        fake.aci.scenarioFor("throws", AciScenario.runsFor(Duration.ofMinutes(3)).withLogs("one", "two", "three")
            .withLogLineEvery(Duration.ofMinutes(1)));
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(FakeAci.spec("throws")
            .setLogListener(line -> {
                streamed.add(line);
                throw new IllegalStateException("listener bug");
            }));
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(1));

        assertThat(poller.getFinalResult().isSucceeded()).isTrue();
        assertThat(streamed).containsExactly("one", "two", "three");
    }

    @Test
    void retryAfterOnALogReadDelaysTheNextPoll() {
        fake.aci.scenarioFor("throttled", AciScenario.runsFor(Duration.ofMinutes(30)));
        fake.aci.stubFor(WireMock.get(WireMock.urlPathMatching(LOGS_PATH)).atPriority(1)
            .willReturn(WireMock.aResponse().withStatus(429).withHeader("Retry-After", "300")));

        run(FakeAci.spec("throttled"));

        long polls = fake.requestLines().stream().filter("GET throttled"::equals).count();
        assertThat(polls).isLessThan(12);
    }

    @Test
    void withoutAListenerNoLogIsReadWhileTheContainerRuns() {
        fake.aci.scenarioFor("quiet", AciScenario.runsFor(Duration.ofMinutes(10)));
        SyncPoller<ContainerJobStatus, ContainerJobResult> poller = client.beginRun(FakeAci.spec("quiet"));
        fake.advanceUntil(client.getWatcher(), () -> poller.poll().getStatus().isComplete(), Duration.ofHours(1));

        assertThat(streamingReads()).isZero();
        assertThat(fake.requestLines().stream().filter("GET quiet/containers/job/logs"::equals)
            .collect(Collectors.toList())).hasSize(1);
    }
}
