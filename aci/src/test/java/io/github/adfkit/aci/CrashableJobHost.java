package io.github.adfkit.aci;

import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClientBuilder;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.core.WebhookRequest;
import io.github.adfkit.core.WebhookRequestOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A container job host for crash tests, run in its own JVM ({@code ChildJvm}) and killed with SIGKILL: it starts
 * one WebHook job on the given job table, ARM endpoint and callback URI with the system clock, prints
 * {@value #STARTED}, and runs until it is killed.
 *
 * <p>Arguments: Table storage connection string, job table name, ARM endpoint, callBackUri, container group name.</p>
 */
public final class CrashableJobHost {
    /** The line printed once the job is recorded and launching. */
    static final String STARTED = "JOB HOST STARTED";

    private CrashableJobHost() {
    }

    /**
     * @param args connection string, table name, ARM endpoint, callBackUri, group name
     * @throws InterruptedException never in practice: the process is killed while it waits
     */
    public static void main(String[] args) throws InterruptedException {
        CallbackUriPolicy loopback = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
        ContainerJobClient client = new ContainerJobClientBuilder()
            .endpoint(args[2])
            .pipeline(new HttpPipelineBuilder().build())
            .subscriptionId(FakeAci.SUBSCRIPTION)
            .pollBackoff(Backoff.fixed(Duration.ofMillis(100)))
            .retryOptions(new RetryOptions(new ExponentialBackoffOptions().setBaseDelay(Duration.ofMillis(100))
                .setMaxDelay(Duration.ofMillis(200))))
            .tableClient(new TableClientBuilder().connectionString(args[0]).tableName(args[1]).buildClient())
            .leaseDuration(Duration.ofSeconds(30))
            .hostId("crashing-host")
            .sealingKeys(FakeAci.KEYS)
            .webhookImagePolicy(FakeAci.IMAGES)
            .callbackClient(new CallbackClientBuilder().callbackUriPolicy(loopback)
                .backoff(Backoff.exponential(Duration.ofMillis(100), Duration.ofMillis(200)))
                .deadline(Duration.ofHours(1)).buildAsyncClient())
            .buildClient();
        String body = "{\"callBackUri\": \"" + args[3] + "\"}";
        WebhookRequest request = WebhookRequest.parse(body.getBytes(StandardCharsets.UTF_8),
            new WebhookRequestOptions().setCallbackUriPolicy(loopback));
        client.startForWebhook(request, FakeAci.spec(args[4]).setParameters(request.getBody()));
        System.out.println(STARTED);
        new CountDownLatch(1).await();
    }
}
