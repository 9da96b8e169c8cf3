package io.github.adfkit.testing.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.adfkit.testing.arm.ArmFakeServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A fake of Azure Container Instances' ARM API ({@code Microsoft.ContainerInstance/containerGroups}, api-version
 * matched loosely), on {@link ArmFakeServer}: bearer-token check, fault injection (429 with {@code Retry-After},
 * 5xx) and request recording come from there.
 *
 * <p>A created group moves Pending → Running → Terminated with the exit code of its {@link AciScenario}, as the
 * given clock moves: pass the {@code now} of the test's manual clock and an hour-long job runs in milliseconds. GET
 * answers with {@code instanceView} states and events; the logs endpoint (with {@code timestamps=true}, and output
 * that can {@link AciScenario#withLogLineEvery(java.time.Duration) grow over time}), start, stop, restart and delete work;
 * secure values and registry passwords are never echoed back, as ARM does.</p>
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * try (AciFakeServer aci = new AciFakeServer(clock::now).start()) {
 *     aci.defaultScenario(AciScenario.runsFor(Duration.ofHours(1)).withExitCode(0));
 *     ContainerJobClient client = new ContainerJobClientBuilder()
 *         .endpoint(aci.baseUrl()).pipeline(aci.httpPipeline(new StaticTestTokenCredential()))
 *         .subscriptionId("sub-1").clock(clock).buildClient();
 *     ...
 * }
 * }</pre>
 */
public final class AciFakeServer extends ArmFakeServer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AciGroupRegistry registry;

    /**
     * Creates the fake. Call {@link #start()} before use.
     *
     * @param clock the fake's time, for example {@code manualClock::now}
     */
    public AciFakeServer(Supplier<Instant> clock) {
        this(new AciResponder(new AciGroupRegistry(clock)));
    }

    private AciFakeServer(AciResponder responder) {
        super(responder);
        this.registry = responder.registry();
        stubFor(WireMock.any(WireMock.urlPathMatching(AciResponder.GROUPS_PATH))
            .willReturn(WireMock.aResponse().withTransformers(AciResponder.NAME)));
    }

    /**
     * Starts the server on a free loopback port. Does nothing if it is running.
     *
     * @return this fake
     */
    @Override
    public AciFakeServer start() {
        super.start();
        registry.baseUrl(baseUrl());
        return this;
    }

    /**
     * Throttles as ARM throttles a subscription, on this fake's clock: see {@link #throttleLikeArm(Supplier)}.
     */
    public void throttleLikeArm() {
        throttleLikeArm(registry::now);
    }

    /**
     * Sets how groups behave unless {@link #scenarioFor(String, AciScenario)} says otherwise. The default is a
     * one-minute run that exits with 0.
     *
     * @param scenario the scenario for new groups
     */
    public void defaultScenario(AciScenario scenario) {
        registry.defaultScenario(scenario);
    }

    /**
     * Sets how the group with this name behaves when it is created.
     *
     * @param groupName the container group name
     * @param scenario its scenario
     */
    public void scenarioFor(String groupName, AciScenario scenario) {
        registry.scenarioFor(groupName, scenario);
    }

    /**
     * @return the resource ids of the groups that exist now
     */
    public List<String> groupIds() {
        return registry.groupIds();
    }

    /**
     * @param groupName a container group name
     * @return {@code true} if a group of that name exists in any resource group
     */
    public boolean groupExists(String groupName) {
        return registry.groupIds().stream().anyMatch(id -> id.toLowerCase().endsWith("/" + groupName.toLowerCase()));
    }

    /**
     * @param groupName a container group name
     * @return the container's state now ({@code Waiting}, {@code Running}, {@code Terminated}), or {@code null} if
     *     no such group exists
     */
    public String containerState(String groupName) {
        return registry.groupIds().stream().filter(id -> id.toLowerCase().endsWith("/" + groupName.toLowerCase()))
            .findFirst().map(registry::containerState).orElse(null);
    }

    /**
     * @return how many groups were created since start
     */
    public int createdGroupCount() {
        return registry.createdCount();
    }

    /**
     * @return the resource ids of groups deleted while their container was pending or running
     */
    public List<String> deletedWhileActive() {
        return registry.deletedWhileActive();
    }

    /**
     * @return the bodies of every PUT received (including refused ones), oldest first, parsed as JSON
     */
    public List<JsonNode> createRequestBodies() {
        List<JsonNode> bodies = new ArrayList<>();
        findAll(WireMock.putRequestedFor(WireMock.urlPathMatching(AciResponder.GROUPS_PATH)))
            .forEach(request -> {
                try {
                    bodies.add(MAPPER.readTree(request.getBodyAsString()));
                } catch (IOException notJson) {
                    throw new UncheckedIOException(notJson);
                }
            });
        return bodies;
    }
}
