package io.github.adfkit.benchmarks.pauserestart;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import io.github.adfkit.core.implementation.ETags;
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
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Restart latency and throughput against Azurite and the fake Data Factory, beside what a restart cannot avoid: the
 * floor (a Table point read plus an ETag-conditional update, the least a single-use claim costs), a bare
 * {@code createRun}, the two by hand one after the other, and the same followed by a second conditional update, the
 * record of the run id (what a single-use restart with a journal cannot avoid). Every scenario runs in the same
 * process, against the same Azurite and the same fake, once on one thread (latency) and once on several
 * (throughput), after a warm-up round of every scenario.
 *
 * <p>Each measured round gets a fresh table of real tickets, made by adfkit's {@code pause}: the by-hand rows read
 * and update those ticket rows. Azurite's cost per request grows with the rows a table holds and their size, so
 * rows of another shape, or a table that kept the earlier rounds' rows, would make the comparison unfair.</p>
 *
 * <p>Arguments (all optional): operations per scenario (400), concurrent threads (8).</p>
 */
public final class PauseRestartBenchmark {
    private static final PipelineTarget TARGET = new PipelineTarget("sub-bench", "rg-bench", "adf-bench", "Resume");
    private static final int WARM_UP = 300;
    private static final String TICKET_ROWS = "RowKey eq 'ticket'";

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
            DataFactoryManager manager = managers.create(null, TARGET.getSubscriptionId());
            IntFunction<Tickets> tickets = count -> Tickets.paused(azurite.newTable("benchpauses"), managers, count);
            Scenario floor = new Scenario("floor: Table get + conditional update", n -> floor(tickets.apply(n)));
            Scenario journaled = new Scenario("floor + createRun + record, by hand",
                n -> journaledByHand(tickets.apply(n), manager));
            Scenario restart = new Scenario("adfkit restart (get, claim, createRun, record)",
                n -> restart(tickets.apply(n)));
            List<Scenario> scenarios = List.of(floor,
                new Scenario("bare createRun on the fake ADF", n -> i -> createRun(manager, "bare-" + i)),
                new Scenario("floor + createRun (no record of the run)",
                    n -> claimThenCreateRun(tickets.apply(n), manager)),
                journaled, restart);
            List<LatencyRun> runs = new ArrayList<>();
            for (int concurrency : new int[] {1, threads}) {
                for (Scenario scenario : scenarios) {
                    LatencyRun.measure(scenario.name(), WARM_UP, concurrency, scenario.prepare().apply(WARM_UP));
                }
                for (Scenario scenario : scenarios) {
                    IntConsumer prepared = scenario.prepare().apply(operations);
                    runs.add(LatencyRun.measure(scenario.name(), operations, concurrency, prepared));
                }
            }
            System.out.printf("Pause-restart benchmark: %d operations per row, Azurite %s, fake ADF %s%n%n",
                operations, azurite.tableEndpoint(), adf.baseUrl());
            System.out.println(LatencyRun.header());
            runs.forEach(run -> System.out.println(run.row()));
            System.out.println();
            for (int first = 0; first < runs.size(); first += scenarios.size()) {
                List<LatencyRun> group = runs.subList(first, first + scenarios.size());
                double restartP50 = group.get(scenarios.indexOf(restart)).p50();
                double floorP50 = group.get(scenarios.indexOf(floor)).p50();
                double journaledP50 = group.get(scenarios.indexOf(journaled)).p50();
                System.out.printf(Locale.ROOT, "%d thread(s): restart p50 is %.2fx the floor's, %.2fx the journaled "
                    + "restart's by hand%n", group.get(0).threads(), restartP50 / floorP50, restartP50 / journaledP50);
            }
            System.out.printf("%nRuns created by the fake: %d (one per restart and per createRun row)%n",
                adf.runs().size());
        }
    }

    /**
     * One row of the table: its name, and how to prepare that many operations (tickets paused beforehand, so that
     * the measured calls do only the work being compared).
     */
    private record Scenario(String name, IntFunction<IntConsumer> prepare) {
    }

    /**
     * Fresh tickets in a fresh table: the client that paused them, their tokens, and their ticket rows' partition
     * keys.
     */
    private record Tickets(TableClient table, PauseRestartClient client, String[] tokens, String[] partitions) {
        static Tickets paused(TableClient table, DataFactoryManagerFactory managers, int count) {
            PauseRestartClient client = new PauseRestartClientBuilder()
                .tableClient(table)
                .dataFactoryManagerFactory(managers)
                .restartPageUrl("http://localhost:7071/restart")
                .buildClient();
            String[] tokens = new String[count];
            for (int i = 0; i < count; i++) {
                tokens[i] = client.pause(new PauseOptions(TARGET, Map.of("row", i))).getToken();
            }
            String[] partitions = table.listEntities(new ListEntitiesOptions().setFilter(TICKET_ROWS), null,
                Context.NONE).stream().map(TableEntity::getPartitionKey).toArray(String[]::new);
            return new Tickets(table, client, tokens, partitions);
        }
    }

    private static IntConsumer floor(Tickets tickets) {
        return i -> claim(tickets, i);
    }

    /**
     * What no single-use restart can avoid, done by hand: the floor's claim, then {@code createRun}.
     */
    private static IntConsumer claimThenCreateRun(Tickets tickets, DataFactoryManager manager) {
        return i -> {
            claim(tickets, i);
            createRun(manager, "claimed-" + i);
        };
    }

    /**
     * What a single-use restart with a journal cannot avoid, done by hand with the Table client: the floor's claim,
     * {@code createRun}, then a second conditional update on the claim's ETag that records the run id. adfkit's
     * restart makes exactly these four calls; the difference between the two rows is adfkit's own cost.
     */
    private static IntConsumer journaledByHand(Tickets tickets, DataFactoryManager manager) {
        return i -> {
            String claimed = claim(tickets, i);
            String runId = createRun(manager, "journaled-" + i);
            TableEntity record = new TableEntity(tickets.partitions()[i], "ticket").addProperty("state", "USED")
                .addProperty("Done_RunStarted", runId).addProperty("odata.etag", claimed);
            tickets.table().updateEntityWithResponse(record, TableEntityUpdateMode.MERGE, true, null, Context.NONE);
        };
    }

    /**
     * The floor: a point read of a ticket row, then an update that succeeds only if the row is unchanged since.
     *
     * @return the ETag the claimed row has now (repaired: Azurite answers the header without its closing quote)
     */
    private static String claim(Tickets tickets, int i) {
        TableEntity entity = tickets.table().getEntity(tickets.partitions()[i], "ticket");
        entity.addProperty("state", "CLAIMED");
        return ETags.repair(tickets.table().updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true,
            null, Context.NONE).getHeaders().getValue(HttpHeaderName.ETAG));
    }

    private static String createRun(DataFactoryManager manager, String pauseId) {
        return manager.pipelines().createRunWithResponse(TARGET.getResourceGroupName(), TARGET.getFactoryName(),
            TARGET.getPipelineName(), null, null, null, null, Map.of("pauseId", pauseId), Context.NONE).getValue()
            .runId();
    }

    private static IntConsumer restart(Tickets tickets) {
        return i -> {
            RestartResult result = tickets.client().restart(tickets.tokens()[i]);
            if (!result.isStarted()) {
                throw new IllegalStateException("A benchmark restart did not start its run: " + result);
            }
        };
    }
}
