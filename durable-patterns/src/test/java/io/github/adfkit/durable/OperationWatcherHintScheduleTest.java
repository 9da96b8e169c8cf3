package io.github.adfkit.durable;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.durable.models.OperationStatus;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand operations watched on the manual clock, each answering {@code 202} with {@code Retry-After: 2} until its
 * own finish (2 to 15 s after its first poll), every answer taking 20 ms of clock time: the watcher sends within 2 %
 * of the requests the hints allow (each wait starts when a response arrives, so a poll can drift by the response
 * times before it), and 99 % of operations are seen done within a second of when a client polling exactly every
 * {@code Retry-After} from the first request would. Counts on the manual clock, not wall time.
 */
class OperationWatcherHintScheduleTest {
    private static final int OPERATIONS = 1_000;
    private static final long RETRY_AFTER_MILLIS = 2_000;
    private static final Duration RESPONSE_TIME = Duration.ofMillis(20);
    private static final String RUNNING = "{\"runtimeStatus\":\"Running\",\"output\":null}";
    private static final String COMPLETED = "{\"runtimeStatus\":\"Completed\",\"output\":{\"rows\":1}}";

    private final ManualClock clock = new ManualClock();
    private final long[] delayMillis = new long[OPERATIONS];
    private final Map<Integer, Instant> firstPoll = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> seenDone = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @Test
    void aThousandOperationsArePolledExactlyAsTheirRetryAfterHintsAllow() {
        Random random = new Random(42);
        for (int i = 0; i < OPERATIONS; i++) {
            delayMillis[i] = 2_000 + (long) (random.nextDouble() * 13_000);
        }
        OperationWatcher watcher = new AsyncOperationClientBuilder().clock(clock).httpClient(this::answerLater)
            .buildAsyncClient().getWatcher();

        for (int i = 0; i < OPERATIONS; i++) {
            int operation = i;
            watcher.watch("http://host.test/ops/" + i + "?code=key", new OperationListener() {
                @Override
                public void onFinished(OperationStatus status) {
                    seenDone.put(operation, clock.now());
                }

                @Override
                public void onError(AsyncOperationException error) {
                    throw new AssertionError(error);
                }
            });
        }
        clock.advance(Duration.ofSeconds(30));

        assertThat(seenDone).hasSize(OPERATIONS);
        assertThat(watcher.getActiveCount()).isZero();
        long minimum = 0;
        long[] lagMillis = new long[OPERATIONS];
        for (int i = 0; i < OPERATIONS; i++) {
            long polls = (delayMillis[i] + RETRY_AFTER_MILLIS - 1) / RETRY_AFTER_MILLIS;
            minimum += polls + 1;
            Instant due = firstPoll.get(i).plusMillis(polls * RETRY_AFTER_MILLIS);
            // A poll that went out a response time late may see the end before the hint's schedule would: no lag.
            lagMillis[i] = Math.max(0, Duration.between(due, seenDone.get(i)).toMillis());
        }
        Arrays.sort(lagMillis);
        assertThat(requests.get()).isBetween((int) Math.ceil(minimum * 0.98), (int) (minimum * 1.02));
        assertThat(lagMillis[(int) Math.ceil(0.99 * OPERATIONS) - 1]).isLessThanOrEqualTo(1_000);
    }

    /** Answers like a Durable Functions status endpoint, after {@link #RESPONSE_TIME} of clock time. */
    private Mono<HttpResponse> answerLater(HttpRequest request) {
        return Mono.create(sink -> clock.schedule(RESPONSE_TIME, () -> sink.success(answer(request))));
    }

    private HttpResponse answer(HttpRequest request) {
        requests.incrementAndGet();
        String path = request.getUrl().getPath();
        int operation = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        Instant arrived = clock.now().minus(RESPONSE_TIME.dividedBy(2));
        Instant start = firstPoll.computeIfAbsent(operation, ignored -> arrived);
        boolean done = !arrived.isBefore(start.plusMillis(delayMillis[operation]));
        HttpHeaders headers = new HttpHeaders().set(HttpHeaderName.CONTENT_TYPE, "application/json");
        if (!done) {
            headers.set(HttpHeaderName.LOCATION, request.getUrl().toString())
                .set(HttpHeaderName.RETRY_AFTER, Long.toString(RETRY_AFTER_MILLIS / 1000));
        }
        return new BufferedHttpResponse(request, done ? 200 : 202, headers, done ? COMPLETED : RUNNING);
    }
}
