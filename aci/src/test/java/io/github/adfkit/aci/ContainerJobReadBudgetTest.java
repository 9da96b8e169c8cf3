package io.github.adfkit.aci;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.adfkit.aci.models.ContainerJobResult;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.aci.models.ContainerJobState;
import io.github.adfkit.aci.models.ExistingGroupPolicy;
import io.github.adfkit.testing.aci.AciScenario;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ARM read budget with the default settings, on the manual clock against an ACI fake that throttles like ARM:
 * counts of requests and simulated seconds, not wall time.
 */
class ContainerJobReadBudgetTest {
    private static final Pattern STATUS_PATH = Pattern.compile("/containerGroups/[^/?]+(\\?|$)");

    private final FakeAci fake = new FakeAci();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void twoHundredJobsWithoutHintsMeetTheReadAndDetectionTargets() {
        fake.aci.throttleLikeArm();
        ContainerJobClient client = fake.builder().buildClient();
        Watched watched = new Watched(client);
        for (int i = 0; i < 200; i++) {
            fake.aci.scenarioFor("job-" + i, AciScenario.runsFor(Duration.ofSeconds(60 + 1740L * i / 200)));
            watched.start(client, FakeAci.spec("job-" + i));
        }

        fake.advanceUntil(client.getWatcher(), () -> watched.results.size() == 200, Duration.ofMinutes(40));

        assertThat(watched.results.values()).allSatisfy(result ->
            assertThat(result.getStatus().getState()).isEqualTo(ContainerJobState.SUCCEEDED));
        assertThat(statusPolls() / watched.jobHours()).as("status reads per job-hour").isLessThanOrEqualTo(240);
        assertThat(watched.detectionPercentile(99)).as("termination to detection, p99")
            .isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(fake.aci.throttledCount()).isZero();
        client.getWatcher().close();
    }

    @Test
    void jobsWithAnExpectedDurationAreSeenEndingWithinFiveSecondsForFewerReads() {
        ContainerJobClient client = fake.builder().buildClient();
        Watched watched = new Watched(client);
        for (int i = 0; i < 20; i++) {
            fake.aci.scenarioFor("hinted-" + i, AciScenario.runsFor(Duration.ofMinutes(20).plusSeconds(3L * i)));
            watched.start(client, FakeAci.spec("hinted-" + i).setExpectedDuration(Duration.ofMinutes(20)));
        }

        fake.advanceUntil(client.getWatcher(), () -> watched.results.size() == 20, Duration.ofMinutes(30));

        assertThat(statusPolls() / watched.jobHours()).as("status reads per job-hour").isLessThan(150);
        assertThat(watched.detectionPercentile(100)).isLessThanOrEqualTo(Duration.ofSeconds(5));
        client.getWatcher().close();
    }

    @Test
    void fiveHundredConcurrentJobsGetNoThrottlingFromArm() {
        fake.aci.throttleLikeArm();
        ContainerJobClient client = fake.builder().buildClient();
        Watched watched = new Watched(client);
        for (int i = 0; i < 500; i++) {
            if (i > 0 && i % 8 == 0) {
                // ARM's write bucket (200, refilled by 10 a second) limits how fast groups can be created.
                fake.advanceFor(List.of(client.getWatcher()), Duration.ofSeconds(1));
            }
            fake.aci.scenarioFor("many-" + i, AciScenario.runsFor(Duration.ofSeconds(300 + 300L * i / 500)));
            watched.start(client, FakeAci.spec("many-" + i));
        }
        assertThat(client.getWatcher().getWatchedJobCount()).as("all 500 watched at once").isEqualTo(500);

        fake.advanceUntil(client.getWatcher(), () -> watched.results.size() == 500, Duration.ofMinutes(30));

        assertThat(fake.aci.throttledCount()).as("429s from the throttling fake").isZero();
        assertThat(watched.results.values()).allSatisfy(result ->
            assertThat(result.getStatus().getState()).isEqualTo(ContainerJobState.SUCCEEDED));
        assertThat(watched.detectionPercentile(100)).as("never rarer than the 60 s ceiling, plus the queue")
            .isLessThanOrEqualTo(Duration.ofSeconds(75));
        client.getWatcher().close();
    }

    @Test
    void aRetryAfterIsHonouredByEveryJob() {
        ContainerJobClient client = fake.builder().buildClient();
        Watched watched = new Watched(client);
        for (int i = 0; i < 10; i++) {
            fake.aci.scenarioFor("paused-" + i, AciScenario.runsFor(Duration.ofMinutes(2)));
            watched.start(client, withoutLookup("paused-" + i));
        }
        fake.advanceFor(List.of(client.getWatcher()), Duration.ZERO);
        fake.aci.stubFor(WireMock.get(WireMock.urlPathMatching(".*/containerGroups/paused-[0-9]+"))
            .inScenario("throttled once").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
            .willReturn(WireMock.aResponse().withStatus(429).withHeader("Retry-After", "20")
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"SubscriptionRequestsThrottled\",\"message\":\"Number of 'read' "
                    + "requests for subscription 'sub-1' exceeded. Please try again after '20' seconds.\"}}")));

        fake.advanceUntil(client.getWatcher(), () -> statusReads() > 0, Duration.ofMinutes(1));
        long firstRound = statusReads();
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofSeconds(19));
        assertThat(statusReads()).as("no job reads before the Retry-After has passed").isEqualTo(firstRound);
        fake.advanceFor(List.of(client.getWatcher()), Duration.ofSeconds(1));
        assertThat(statusReads()).as("every job reads again once it has").isEqualTo(firstRound + 10);

        fake.advanceUntil(client.getWatcher(), () -> watched.results.size() == 10, Duration.ofMinutes(5));
        assertThat(watched.results.values()).allSatisfy(result ->
            assertThat(result.getStatus().getState()).isEqualTo(ContainerJobState.SUCCEEDED));
        client.getWatcher().close();
    }

    @Test
    void twoClientsOfOneSubscriptionShareOneBudget() {
        fake.aci.throttleLikeArm();
        ContainerJobClient first = fake.builder().armReadsPerSecond(5).buildClient();
        ContainerJobClient second = fake.builder().armReadsPerSecond(5).buildClient();
        Watched watchedFirst = new Watched(first);
        Watched watchedSecond = new Watched(second);
        for (int i = 0; i < 30; i++) {
            fake.aci.scenarioFor("first-" + i, AciScenario.runsFor(Duration.ofMinutes(3)));
            fake.aci.scenarioFor("second-" + i, AciScenario.runsFor(Duration.ofMinutes(3)));
            watchedFirst.start(first, withoutLookup("first-" + i));
            watchedSecond.start(second, withoutLookup("second-" + i));
        }
        List<ContainerJobWatcher> both = List.of(first.getWatcher(), second.getWatcher());
        long busiestPollSecond = 0;
        while (watchedFirst.results.size() + watchedSecond.results.size() < 60) {
            long before = statusPolls();
            fake.advanceFor(both, Duration.ofSeconds(1));
            busiestPollSecond = Math.max(busiestPollSecond, statusPolls() - before);
            assertThat(fake.clock.now()).isBefore(Instant.parse("2026-01-01T00:10:00Z"));
        }

        assertThat(busiestPollSecond).as("status reads of both clients in any one second while watching")
            .isEqualTo(5);
        assertThat(fake.aci.throttledCount()).isZero();
        first.getWatcher().close();
        second.getWatcher().close();
    }

    @Test
    void clientsOfAnotherSubscriptionHaveABudgetOfTheirOwn() {
        ContainerJobClient client = fake.builder().armReadsPerSecond(1).buildClient();
        ContainerJobClient elsewhere = new ContainerJobClientBuilder().endpoint(fake.aci.baseUrl())
            .pipeline(fake.aci.httpPipeline(new StaticTestTokenCredential())).subscriptionId("sub-2")
            .clock(fake.clock).armReadsPerSecond(1).buildClient();
        List<ContainerJobWatcher> both = List.of(client.getWatcher(), elsewhere.getWatcher());
        new Watched(client).start(client, withoutLookup("mine"));
        new Watched(elsewhere).start(elsewhere, withoutLookup("theirs"));

        fake.advanceFor(both, Duration.ofSeconds(15));

        assertThat(statusReads()).as("one read a second for each subscription, both in the same second").isEqualTo(2);
        client.getWatcher().close();
        elsewhere.getWatcher().close();
    }

    /**
     * A spec whose launch sends only the PUT (no GET for an existing group), so that every GET counted is a poll.
     */
    private static ContainerJobSpec withoutLookup(String name) {
        return FakeAci.spec(name).setExistingGroupPolicy(ExistingGroupPolicy.REUSE_AND_START);
    }

    /**
     * @return the GETs of a container group answered 200: the polls of a job while its group exists (not the
     *     launch's lookup of an existing group, nor the check that a deleted group is gone, both answered 404)
     */
    private long statusPolls() {
        return fake.aci.serveEvents().stream().filter(event -> "GET".equals(event.getRequest().getMethod().getName())
            && STATUS_PATH.matcher(event.getRequest().getUrl()).find() && event.getResponse().getStatus() == 200)
            .count();
    }

    /**
     * @return the GETs of a container group itself, whatever the answer
     */
    private long statusReads() {
        return fake.requestLines().stream().filter(line -> line.startsWith("GET ") && !line.contains("/")).count();
    }

    /**
     * The jobs of one client: their results, when each was started and how long its end took to be seen.
     */
    private final class Watched {
        private final Map<String, ContainerJobResult> results = new ConcurrentHashMap<>();
        private final Map<String, Instant> started = new ConcurrentHashMap<>();
        private final List<Duration> detections = Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Duration> watchedFor = new ConcurrentHashMap<>();

        private Watched(ContainerJobClient client) {
            client.getWatcher().addCompletionListener(result -> {
                String name = result.getStatus().getGroupName();
                Instant now = fake.clock.now();
                detections.add(Duration.between(result.getStatus().getFinishTime().toInstant(), now));
                watchedFor.put(name, Duration.between(started.get(name), now));
                results.put(name, result);
            });
        }

        private void start(ContainerJobClient client, ContainerJobSpec spec) {
            started.put(spec.getGroupName(), fake.clock.now());
            client.beginRun(spec);
        }

        private double jobHours() {
            return watchedFor.values().stream().mapToLong(Duration::toMillis).sum() / 3_600_000.0;
        }

        private Duration detectionPercentile(int percentile) {
            List<Duration> sorted = new ArrayList<>(detections);
            Collections.sort(sorted);
            return sorted.get(Math.max(0, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        }
    }
}
