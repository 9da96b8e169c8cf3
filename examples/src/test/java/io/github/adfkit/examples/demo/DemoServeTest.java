package io.github.adfkit.examples.demo;

import io.github.adfkit.testing.process.ChildJvm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code DemoMain --serve}, in its own JVM: every curl line it prints answers as its comment says, until SIGTERM. */
class DemoServeTest {
    /** Azurite's installation on the very first run included. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * A printed request.
     *
     * @param expectedStatus the status its comment line announces
     * @param curl the curl line
     */
    private record Printed(int expectedStatus, String curl) {
    }

    @Test
    void everyPrintedCurlLineAnswersAsAnnouncedAndSigtermStopsTheHost() throws Exception {
        try (ChildJvm serve = ChildJvm.builder(DemoMain.class).args("--serve", "0").start()) {
            serve.awaitLine(line -> line.startsWith("Serving until stopped"), START_DEADLINE);
            List<Printed> printed = printed(serve.output());

            assertThat(printed).extracting(Printed::curl).satisfiesExactly(
                curl -> assertThat(curl).startsWith("curl -i -X POST 'http://127.0.0.1:").contains("/jobs'")
                    .contains("-H 'x-functions-key: ").contains("\"callBackUri\": \"http://127.0.0.1:"),
                curl -> assertThat(curl).contains("/api/submit/query?s=10/10/2021&e=10/12/2021'"),
                curl -> assertThat(curl).contains("/api/submit/rebuild'"),
                curl -> assertThat(curl).startsWith("curl -i 'http://127.0.0.1:").contains("/api/status/"),
                curl -> assertThat(curl).contains("-X POST").contains("/pause'").contains("\"pipelineName\""),
                curl -> assertThat(curl).startsWith("curl -i 'http://127.0.0.1:").contains("/restart?token="),
                curl -> assertThat(curl).contains("-X POST").contains("/restart'").contains("-d 'token="),
                curl -> assertThat(curl).contains("/pause-data/").contains("-H 'x-functions-key: "));
            for (Printed request : printed) {
                HttpResponse<String> response = send(request.curl());
                assertThat(response.statusCode()).as("%s answered %s", request.curl(), response.body())
                    .isEqualTo(request.expectedStatus());
                if (request.curl().contains("/api/status/")) {
                    assertThat(response.body()).contains("\"status\":\"Completed\"");
                }
            }
            HttpResponse<String> secondClick = send(printed.get(6).curl());
            assertThat(secondClick.statusCode()).as("the restart link is single-use").isEqualTo(409);

            assertThat(serve.terminate(STOP_DEADLINE)).as("the exit code after SIGTERM").isZero();
            serve.awaitLine(DemoMain.STOPPED::equals, STOP_DEADLINE);     // the output is read after the exit
        }
    }

    private HttpResponse<String> send(String curl) throws IOException, InterruptedException {
        HttpRequest request = CurlCommand.parse(curl);
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code # expect N: ...} comment lines and the curl line under each. */
    private static List<Printed> printed(List<String> output) {
        List<Printed> printed = new ArrayList<>();
        for (int i = 0; i + 1 < output.size(); i++) {
            String line = output.get(i);
            if (line.startsWith(RouteExample.EXPECT)) {
                int status = Integer.parseInt(line.substring(RouteExample.EXPECT.length(), line.indexOf(':')));
                printed.add(new Printed(status, output.get(i + 1)));
            }
        }
        return printed;
    }
}
