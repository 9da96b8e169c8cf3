package io.github.adfkit.examples.demo;

import com.azure.data.tables.TableClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo host against hostile callers, over raw loopback sockets: every route that starts work or hands over
 * pipeline data refuses a wrong key (401), answers a caller that keeps guessing 429 with {@code Retry-After} (even
 * with the right key then) while another caller is unaffected, and stores and starts nothing for them; a job may
 * run only an image the host allows.
 */
class DemoHostSecurityTest {
    private static final String GUESSER = "127.0.0.1";
    private static final String OTHER_CALLER = "127.0.0.2";
    private static final int GUESSES = 10;

    private final LocalEnvironment environment = LocalEnvironment.start();
    private final List<TableClient> tables = new ArrayList<>();
    private final DemoHost host = DemoHost.start(new RecordingTables(environment, tables));

    @AfterEach
    void close() {
        host.close();
        environment.close();
    }

    @Test
    void everyRouteThatStartsWorkRefusesWrongKeysAndThrottlesOnlyTheCallerGuessing() throws IOException {
        String callBackUri = environment.callbacks().callbackUri("guessed");
        List<Route> routes = List.of(
            new Route("POST", "/jobs", "{\"image\": \"contoso/etl\", \"callBackUri\": \"" + callBackUri + "\"}"),
            new Route("POST", "/api/submit/query?s=10/10/2021&e=12/10/2021", ""),
            new Route("POST", "/pause", "{\"subscriptionId\": \"" + LocalEnvironment.SUBSCRIPTION_ID + "\", "
                + "\"resourceGroupName\": \"rg-data\", \"factoryName\": \"adf-sales\", "
                + "\"pipelineName\": \"ResumeAfterApproval\"}"),
            new Route("GET", "/pause-data/3f1c2a4e-8a0b-4c3d-9e5f-1a2b3c4d5e6f", ""));

        for (Route route : routes) {
            for (int i = 0; i < GUESSES; i++) {
                assertThat(send(GUESSER, route, "guess-" + i).status()).as(route.path()).isEqualTo(401);
            }
            Answer throttled = send(GUESSER, route, environment.pipelineKey());
            assertThat(throttled.status()).as(route.path() + ", even with the right key").isEqualTo(429);
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
            assertThat(send(OTHER_CALLER, route, "wrong").status()).as(route.path() + " from another caller")
                .isEqualTo(401);
        }

        assertThat(environment.aci().requests()).as("no container group was created").isEmpty();
        assertThat(environment.adf().runs()).isEmpty();
        assertThat(tables).as("nothing was stored").allSatisfy(table ->
            assertThat(table.listEntities().stream().count()).as(table.getTableName()).isZero());
    }

    @Test
    void aJobForAnImageOutsideThePolicyIsA400AndStartsNothing() throws IOException {
        Answer miner = send(GUESSER, new Route("POST", "/jobs", "{\"image\": \"attacker/miner:latest\", "
            + "\"callBackUri\": \"" + environment.callbacks().callbackUri("miner") + "\"}"), environment.pipelineKey());

        assertThat(miner.status()).isEqualTo(400);
        assertThat(miner.body()).contains("is not allowed");
        assertThat(environment.aci().requests()).isEmpty();
    }

    /** Sends one request from {@code clientAddress} over a fresh connection and reads the whole answer. */
    private Answer send(String clientAddress, Route route, String key) throws IOException {
        URI base = URI.create(host.baseUrl());
        byte[] body = route.body().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(clientAddress), 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((route.method() + " " + route.path() + " HTTP/1.1\r\nHost: " + base.getAuthority()
                + "\r\nx-functions-key: " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return Answer.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private record Route(String method, String path, String body) {
    }

    private record Answer(int status, List<String> headers, String body) {
        static Answer parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            List<String> lines = List.of(raw.substring(0, end).split("\r\n"));
            return new Answer(Integer.parseInt(lines.get(0).split(" ")[1]), lines.subList(1, lines.size()),
                raw.substring(end + 4));
        }

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim()).findFirst().orElse(null);
        }
    }

    /** The local environment, remembering every table the host asks for so the test can look into them. */
    private record RecordingTables(LocalEnvironment local, List<TableClient> tables) implements DemoEnvironment {
        @Override
        public TableClient auditTable() {
            return local.auditTable();
        }

        @Override
        public TableClient table(String name) {
            TableClient table = local.table(name);
            tables.add(table);
            return table;
        }

        @Override
        public ContainerJobClientBuilder containerJobs() {
            return local.containerJobs();
        }

        @Override
        public PauseRestartClientBuilder pauses() {
            return local.pauses();
        }

        @Override
        public CallbackUriPolicy callbackUriPolicy() {
            return local.callbackUriPolicy();
        }

        @Override
        public String resourceGroup() {
            return local.resourceGroup();
        }

        @Override
        public String location() {
            return local.location();
        }

        @Override
        public String pipelineKey() {
            return local.pipelineKey();
        }

        @Override
        public void close() {
        }
    }
}
