package io.github.adfkit.benchmarks.pauserestart;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import io.github.adfkit.pauserestart.DataFactoryManagerFactory;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PipelineTarget;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;
import io.github.adfkit.testing.azurite.AzuriteTableService;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restart latency and throughput against Azurite and the fake Data Factory, beside what a restart cannot avoid: the
 * floor (a Table point read plus an ETag-conditional update, the least a single-use claim costs), a bare
 * {@code createRun}, and the two by hand one after the other (what no single-use restart can avoid). Every scenario runs in the same process, against the same Azurite and the same fake, once on one
 * thread (latency) and once on several (throughput); each restart uses a fresh token.
 *
 * <p>Arguments (all optional): operations per scenario (400), concurrent threads (8).</p>
 */
public final class PauseRestartBenchmark {
    private static final PipelineTarget TARGET = new PipelineTarget("sub-bench", "rg-bench", "adf-bench", "Resume");
    private static final int WARM_UP = 50;

    private PauseRestartBenchmark() {
    }

    /**
     * Runs every scenario and prints the table.
     *
     * @param args operations per scenario, concurrent threads
     * @throws Exception if Azurite or the fake cannot start, or an operation does not do what it should
     */
    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        AzuriteTableService azurite = AzuriteTableService.shared();
        try (AdfFakeServer adf = new AdfFakeServer().start()) {
            DataFactoryManagerFactory managers = (tenantId, subscriptionId) -> DataFactoryManager.authenticate(
                adf.httpPipeline(new StaticTestTokenCredential()), adf.azureProfile(tenantId, subscriptionId));
            PauseRestartClient client = new PauseRestartClientBuilder()
                .tableClient(azurite.newTable("benchpauses"))
                .dataFactoryManagerFactory(managers)
                .restartPageUrl("http://localhost:7071/restart")
                .buildClient();
            TableClient floorTable = azurite.newTable("benchfloor");
            DataFactoryManager manager = managers.create(null, TARGET.getSubscriptionId());

            List<LatencyRun> runs = new ArrayList<>();
            for (int concurrency : new int[] {1, threads}) {
                measureFloor(floorTable, WARM_UP, concurrency, "warm-up");
                runs.add(measureFloor(floorTable, operations, concurrency,
                    "floor: Table get + conditional update"));
                measureCreateRun(manager, WARM_UP, concurrency);
                runs.add(measureCreateRun(manager, operations, concurrency));
                runs.add(measureClaimThenCreateRun(floorTable, manager, operations, concurrency));
                measureRestart(client, WARM_UP, concurrency);
                runs.add(measureRestart(client, operations, concurrency));
            }
            System.out.printf("Pause-restart benchmark: %d operations per row, Azurite %s, fake ADF %s%n%n",
                operations, azurite.tableEndpoint(), adf.baseUrl());
            System.out.println(LatencyRun.header());
            runs.forEach(run -> System.out.println(run.row()));
            System.out.printf("%nRuns created by the fake: %d (one per restart and per createRun row)%n",
                adf.runs().size());
        }
    }

    private static LatencyRun measureFloor(TableClient table, int operations, int threads, String scenario)
        throws Exception {
        String partition = rows(table, operations, scenario + threads);
        return LatencyRun.measure(scenario, operations, threads, i -> claim(table, partition, i));
    }

    /**
     * What no single-use restart can avoid, done by hand: the floor's claim, then {@code createRun}. adfkit's
     * restart adds one write to it, the record of the run id that makes a second click find the run.
     */
    private static LatencyRun measureClaimThenCreateRun(TableClient table, DataFactoryManager manager,
        int operations, int threads) throws Exception {
        String partition = rows(table, operations, "claimthenrun" + threads);
        return LatencyRun.measure("floor + createRun (no record of the run)", operations, threads, i -> {
            claim(table, partition, i);
            createRun(manager, "claimed-" + i);
        });
    }

    private static String rows(TableClient table, int operations, String scenario) {
        String partition = scenario.replaceAll("[^a-z0-9]", "");
        for (int i = 0; i < operations; i++) {
            table.createEntity(new TableEntity(partition, Integer.toString(i)).addProperty("state", "PENDING"));
        }
        return partition;
    }

    private static void claim(TableClient table, String partition, int i) {
        TableEntity entity = table.getEntity(partition, Integer.toString(i));
        entity.addProperty("state", "CLAIMED");
        table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
    }

    private static LatencyRun measureCreateRun(DataFactoryManager manager, int operations, int threads)
        throws Exception {
        return LatencyRun.measure("bare createRun on the fake ADF", operations, threads,
            i -> createRun(manager, "bare-" + i));
    }

    private static void createRun(DataFactoryManager manager, String pauseId) {
        manager.pipelines().createRunWithResponse(TARGET.getResourceGroupName(), TARGET.getFactoryName(),
            TARGET.getPipelineName(), null, null, null, null, Map.of("pauseId", pauseId), Context.NONE);
    }

    private static LatencyRun measureRestart(PauseRestartClient client, int operations, int threads)
        throws Exception {
        String[] tokens = new String[operations];
        for (int i = 0; i < operations; i++) {
            tokens[i] = client.pause(new PauseOptions(TARGET, Map.of("row", i))).getToken();
        }
        return LatencyRun.measure("adfkit restart (get, claim, createRun, record)", operations, threads, i -> {
            RestartResult result = client.restart(tokens[i]);
            if (!result.isStarted()) {
                throw new IllegalStateException("A benchmark restart did not start its run: " + result);
            }
        });
    }
}
