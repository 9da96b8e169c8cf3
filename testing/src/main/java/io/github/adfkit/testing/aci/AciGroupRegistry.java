package io.github.adfkit.testing.aci;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The container groups that exist on the fake, the scenarios for new ones, and what happened to them. Resource ids
 * are compared case-insensitively, as ARM does. Callers synchronize on the registry for multi-step changes.
 */
final class AciGroupRegistry {
    private final Supplier<Instant> clock;
    private final Map<String, FakeContainerGroup> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, AciScenario> scenarios = new ConcurrentHashMap<>();
    private final List<String> deletedWhileActive = new ArrayList<>();
    private volatile AciScenario defaultScenario = AciScenario.runsFor(Duration.ofMinutes(1));
    private volatile String baseUrl = "";
    private int created;

    AciGroupRegistry(Supplier<Instant> clock) {
        this.clock = Objects.requireNonNull(clock, "'clock' cannot be null.");
    }

    Instant now() {
        return clock.get();
    }

    String baseUrl() {
        return baseUrl;
    }

    void baseUrl(String url) {
        this.baseUrl = url;
    }

    void defaultScenario(AciScenario scenario) {
        this.defaultScenario = Objects.requireNonNull(scenario, "'scenario' cannot be null.");
    }

    void scenarioFor(String groupName, AciScenario scenario) {
        scenarios.put(groupName.toLowerCase(Locale.ROOT), Objects.requireNonNull(scenario, "'scenario' cannot be null."));
    }

    AciScenario scenarioFor(String groupName) {
        return scenarios.getOrDefault(groupName.toLowerCase(Locale.ROOT), defaultScenario);
    }

    synchronized FakeContainerGroup find(String id) {
        return groups.get(id);
    }

    synchronized FakeContainerGroup create(String id, String name, ObjectNode definition, AciScenario scenario,
        Instant now) {
        FakeContainerGroup group = new FakeContainerGroup(id, name, definition, scenario, now);
        groups.put(id, group);
        created++;
        return group;
    }

    synchronized void delete(String id, boolean active) {
        FakeContainerGroup removed = groups.remove(id);
        if (removed != null && active) {
            deletedWhileActive.add(id);
        }
    }

    synchronized List<String> groupIds() {
        return new ArrayList<>(groups.keySet());
    }

    synchronized List<String> deletedWhileActive() {
        return new ArrayList<>(deletedWhileActive);
    }

    synchronized int createdCount() {
        return created;
    }

    synchronized String containerState(String id) {
        FakeContainerGroup group = groups.get(id);
        return group == null ? null : group.containerState(now());
    }
}
