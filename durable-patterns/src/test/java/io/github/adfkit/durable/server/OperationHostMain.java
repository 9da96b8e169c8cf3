package io.github.adfkit.durable.server;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A host process for crash tests: an operation server on a shared table (connection string and table name as
 * arguments, 5-second leases) that accepts one seed query whose work never ends, prints {@code WORK STARTED <id>}
 * once the work runs, and waits to be killed.
 */
public final class OperationHostMain {
    static final Duration LEASE = Duration.ofSeconds(5);

    private OperationHostMain() {
    }

    /**
     * @param args the Table storage connection string and the table name
     * @throws InterruptedException never: the process is killed while it waits
     */
    public static void main(String[] args) throws InterruptedException {
        TableClient table = new TableClientBuilder().connectionString(args[0]).tableName(args[1]).buildClient();
        table.listEntities().stream().findFirst(); // the first request of a JVM is slow: not while a lease runs
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        AsyncOperationServer server = new AsyncOperationServerBuilder()
            .addOperationKind(OperationKind.of("query", SeedQuery::validate, range -> {
                started.countDown();
                never.await();
                return SeedQuery.SEED_RESULT;
            }))
            .tableClient(table).leaseDuration(LEASE).buildServer();
        HostResponse accepted = server.handle(HostRequest.of("POST",
            URI.create("http://crash.test/api/submit/query?s=10/10/2021&e=10/12/2021"), Map.of(), null, null));
        String body = accepted.getBodyAsString();
        System.out.println("SUBMITTED " + accepted.getStatus() + " " + body);
        started.await();
        System.out.println("WORK STARTED " + body.replaceAll(".*\"id\":\"([0-9a-f]{32})\".*", "$1"));
        never.await();
    }
}
