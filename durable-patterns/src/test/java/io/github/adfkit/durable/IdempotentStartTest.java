package io.github.adfkit.durable;

import com.azure.core.http.HttpMethod;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.durable.IdempotentHost.Fate;
import io.github.adfkit.durable.models.BeginOperationOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start whose answer is lost (a connection reset or a 503 after the host acted, or a reset before it saw the
 * request) is sent again with the same {@code Idempotency-Key}, so a host that honours the key runs exactly one
 * operation per start and the caller gets that operation's result. Waits go through a {@link ManualClock}.
 */
class IdempotentStartTest {
    private static final IdempotentHost FAKE = new IdempotentHost();
    @RegisterExtension
    static final DurableHostServer HOST = new DurableHostServer(FAKE);
    private static final WireMockServer SERVER = HOST.server();
    private static final List<Fate> FAULTS = List.of(Fate.ACTED_THEN_RESET, Fate.ACTED_THEN_UNAVAILABLE,
        Fate.RESET_BEFORE_ACTING);

    private final ManualClock clock = new ManualClock();
    private final Instant t0 = clock.now();
    private AsyncOperationClient client;

    @BeforeEach
    void setUp() {
        FAKE.reset();
        SERVER.stubFor(IdempotentHost.stub());
        client = new AsyncOperationClientBuilder().clock(clock).pollBackoff(Backoff.fixed(Duration.ofSeconds(2)))
            .buildClient();
    }

    @Test
    void startsThroughResetsAnd503sAfterTheHostActedGiveExactlyOneOperationEach() {
        Random random = new Random(11);
        List<String> results = new ArrayList<>();
        int faults = 0;
        for (int i = 0; i < 30; i++) {
            // About a third of the requests fail, as through the proxy the issue measured.
            List<Fate> fates = new ArrayList<>();
            while (random.nextInt(3) == 0) {
                fates.add(FAULTS.get(random.nextInt(FAULTS.size())));
            }
            faults += fates.size();
            FAKE.script(fates.toArray(new Fate[0]));
            results.add(client.beginOperation(start(i), JsonNode.class).getFinalResult().get("operation").asText());
        }

        assertThat(faults).isGreaterThan(10);
        assertThat(results).hasSize(30).doesNotHaveDuplicates();
        assertThat(FAKE.operations()).containsExactlyElementsOf(results);
        List<LoggedRequest> starts = SERVER.findAll(postRequestedFor(urlPathEqualTo("/start")));
        assertThat(starts).hasSizeGreaterThan(30).allSatisfy(start -> {
            assertThat(start.getHeader("Idempotency-Key")).matches("[0-9a-f-]{36}");
            assertThat(start.getHeader("Operation-Id")).isEqualTo(start.getHeader("Idempotency-Key"));
        });
        assertThat(starts.stream().map(start -> start.getHeader("Idempotency-Key")).distinct()).hasSize(30);
    }

    @Test
    void aLostAnswerIsRepeatedAfterTheBackoffWithTheSameKey() {
        FAKE.script(Fate.ACTED_THEN_RESET, Fate.ACTED_THEN_UNAVAILABLE);

        JsonNode result = client.beginOperation(start(1), JsonNode.class).getFinalResult();

        assertThat(result.get("operation").asText()).isEqualTo("op-1");
        assertThat(FAKE.operations()).containsExactly("op-1");
        assertThat(FAKE.startKeys()).hasSize(3).containsOnly(FAKE.startKeys().get(0));
        // Two repeats, 2 s apart, then the first poll after the backoff's 2 s (the 202 sent no Retry-After).
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void withRepeatingTurnedOffALostAnswerIsNoResponseAndTheStartIsNotSentAgain() {
        FAKE.script(Fate.ACTED_THEN_RESET);

        assertThatThrownBy(() -> client.beginOperation(start(1).setRepeatAmbiguousStart(false), JsonNode.class))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.NO_RESPONSE))
            .hasMessageContaining("may or may not have started");
        assertThat(FAKE.startKeys()).hasSize(1);
    }

    @Test
    void aStartThatNeverGetsADefiniteAnswerStopsAtTheTimeoutAndNamesItsKey() {
        FAKE.script(Collections.nCopies(100, Fate.ACTED_THEN_UNAVAILABLE).toArray(new Fate[0]));

        assertThatThrownBy(() -> client.beginOperation(start(1).setIdempotencyKey("nightly-2026-11-20")
            .setTimeout(Duration.ofMinutes(1)), JsonNode.class))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.NO_RESPONSE))
            .hasMessageContaining("no definite answer within PT1M").hasMessageContaining("same Idempotency-Key");
        assertThat(Duration.between(t0, clock.now())).isEqualTo(Duration.ofMinutes(1));
        assertThat(FAKE.operations()).containsExactly("op-1");
        assertThat(FAKE.startKeys()).hasSizeGreaterThan(20).containsOnly("nightly-2026-11-20");

        // The caller starts again later with the same key: the host finds the operation it created.
        FAKE.clearScript();
        JsonNode result = client.beginOperation(start(1).setIdempotencyKey("nightly-2026-11-20"), JsonNode.class)
            .getFinalResult();
        assertThat(result.get("operation").asText()).isEqualTo("op-1");
        assertThat(FAKE.operations()).containsExactly("op-1");
    }

    @Test
    void notImplementedIsARefusalAndIsNotRepeated() {
        SERVER.stubFor(post("/start").willReturn(aResponse().withStatus(501)
            .withBody("{\"error\":{\"code\":\"NotImplemented\",\"message\":\"Repeatability headers are not supported.\"}}")));

        assertThatThrownBy(() -> client.beginOperation(start(1), JsonNode.class))
            .isInstanceOfSatisfying(AsyncOperationException.class,
                e -> assertThat(e.getReason()).isEqualTo(AsyncOperationException.Reason.REJECTED))
            .hasMessageContaining("HTTP 501");
        SERVER.verify(1, postRequestedFor(urlPathEqualTo("/start")));
    }

    @Test
    void keysAreCheckedAndOnlySetThroughTheOptions() {
        BeginOperationOptions options = start(1);

        assertThatThrownBy(() -> options.setIdempotencyKey("has space")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> options.setIdempotencyKey("x".repeat(129)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> options.setHeader("Idempotency-Key", "k")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("setIdempotencyKey");
        assertThatThrownBy(() -> options.setHeader("operation-id", "k")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SERVER.getAllServeEvents()).isEmpty();
    }

    private BeginOperationOptions start(int n) {
        return new BeginOperationOptions(HttpMethod.POST, SERVER.baseUrl() + "/start")
            .setHeader("Content-Type", "application/json").setBody(BinaryData.fromString("{\"n\":" + n + "}"));
    }
}
