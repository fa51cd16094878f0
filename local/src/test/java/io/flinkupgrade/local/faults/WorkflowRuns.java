package io.flinkupgrade.local.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;

/** Whole-workflow runs for the fault tests: the bundled ASL, the sample console input, a bundled scenario. */
final class WorkflowRuns {
    /** Parsed once: every test runs the same definition, as every execution of a deployed state machine does. */
    static final StateMachineDefinition DEFINITION = LocalUpgrade.definition(Optional.empty());

    private WorkflowRuns() {}

    static Path repoFile(String first, String... more) {
        String root = System.getProperty("flinkupgrade.root");
        if (root == null) {
            throw new IllegalStateException("system property flinkupgrade.root is not set (surefire sets it from the parent pom)");
        }
        return Path.of(root).resolve(Path.of(first, more));
    }

    static JsonNode readJson(Path file) {
        try {
            return TaskJson.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code events/console-input.json} (orders-enricher, FLINK-1_15 -> FLINK-1_20) with {@code changes} applied. */
    static ObjectNode consoleInput(Consumer<ObjectNode> changes) {
        ObjectNode input = (ObjectNode) readJson(repoFile("events", "console-input.json"));
        changes.accept(input);
        return input;
    }

    static ObjectNode consoleInput() {
        return consoleInput(input -> { });
    }

    /** The bundled healthy-upgrade scenario with {@code faults} (a JSON array of fault specs) added. */
    static Scenario healthyUpgradeWith(String faults) {
        String healthy = readJson(repoFile("emulator", "src", "main", "resources", "scenarios", "healthy-upgrade.json")).toString();
        return Scenario.parse("healthy-upgrade-with-faults", healthy.substring(0, healthy.length() - 1) + ", \"faults\": " + faults + "}");
    }

    /**
     * One whole execution against a fresh emulator started from the bundled {@code scenario}. Without the
     * report (its charts take about half a second per run): ReportInS3WorkflowTest runs it.
     */
    static LocalUpgrade.Result run(String scenario, JsonNode input) {
        return LocalUpgrade.run(DEFINITION, input, Scenario.load(scenario), event -> { }, notification -> { }, LocalUpgrade.ReportRule.OFF);
    }

    static List<HistoryEvent> events(LocalUpgrade.Result result, HistoryEventType type, String state) {
        return result.execution().history().stream()
                .filter(e -> e.type() == type && state.equals(e.stateName()))
                .toList();
    }

    /** The states the execution entered, in order. */
    static List<String> statesEntered(LocalUpgrade.Result result) {
        return result.execution().history().stream()
                .filter(e -> e.type() == HistoryEventType.STATE_ENTERED)
                .map(HistoryEvent::stateName)
                .toList();
    }

    static List<String> reasons(LocalUpgrade.Result result) {
        return StreamSupport.stream(result.outcome().path("reasons").spliterator(), false).map(JsonNode::asText).toList();
    }
}
