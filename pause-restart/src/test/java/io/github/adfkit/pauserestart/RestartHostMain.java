package io.github.adfkit.pauserestart;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.github.adfkit.pauserestart.models.RestartResult;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A restart host in a JVM of its own, for kill -9 tests: it restarts one pause on the given table and fake Data
 * Factory, prints {@code STEP <step>} when it reaches the step it was told to stop at, and then hangs there until it
 * is killed.
 *
 * <p>Arguments: Table storage connection string, table name, the fake Data Factory's base URL, the token, the step
 * ({@link Step}), the claim timeout (ISO-8601 duration).</p>
 */
public final class RestartHostMain {
    /** Where the host stops. */
    enum Step {
        /** The ticket is claimed; {@code createRun} has not been sent. */
        CLAIMED,
        /** The first {@code createRun} failed; the retry has not been sent. */
        CREATE_RUN_RETRY,
        /** Data Factory answered {@code createRun} with the run id; the run is not recorded. */
        CREATE_RUN_ANSWERED
    }

    private RestartHostMain() {
    }

    /**
     * @param args see the class description
     */
    public static void main(String[] args) {
        Step stopAt = Step.valueOf(args[4]);
        PauseRestartClient client = new PauseRestartClientBuilder()
            .connectionString(args[0])
            .tableName(args[1])
            .dataFactoryManagerFactory(RemoteDataFactory.managers(args[2], new StopAt(stopAt)))
            .restartPageUrl("http://localhost:7071/restart")
            .claimTimeout(Duration.parse(args[5]))
            .buildClient();
        RestartResult result = client.restart(args[3]);
        System.out.println("RESULT " + result.getStatus());
    }

    /** Hangs the host at its step, on the {@code createRun} call. */
    private static final class StopAt implements HttpPipelinePolicy {
        private final Step step;
        private final AtomicInteger createRuns = new AtomicInteger();

        StopAt(Step step) {
            this.step = step;
        }

        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            if (!context.getHttpRequest().getUrl().getPath().endsWith("/createRun")) {
                return next.process();
            }
            int attempt = createRuns.incrementAndGet();
            if (step == Step.CLAIMED || (step == Step.CREATE_RUN_RETRY && attempt == 2)) {
                return hang();
            }
            if (step == Step.CREATE_RUN_ANSWERED) {
                return next.process().flatMap(answered -> answered.getStatusCode() == 200 ? hang()
                    : Mono.just(answered));
            }
            return next.process();
        }

        private Mono<HttpResponse> hang() {
            System.out.println("STEP " + step);
            System.out.flush();
            return Mono.never();
        }
    }
}
