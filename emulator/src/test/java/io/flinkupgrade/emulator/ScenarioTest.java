package io.flinkupgrade.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.engine.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioTest {

    static Stream<String> bundled() {
        return Scenario.bundledNames().stream();
    }

    @Test
    void bundledNames_listEveryScenarioFileAndOnlyThose() throws IOException {
        Path dir = Path.of("src/main/resources/scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length())))
                    .containsExactlyInAnyOrderElementsOf(Scenario.bundledNames());
        }
        assertThat(Scenario.bundledNames()).contains("healthy-upgrade", "incompatible-state", "stuck-updating",
                "failing-checkpoints", "snapshot-failed", "downgrade", "app-not-found", "throttling",
                "server-errors", "concurrent-update", "rollback-fails", "rollback-unhealthy", "growing-lag",
                "snapshots-disabled", "app-busy", "update-fails", "slow-call", "alarm-fires", "flink2-upgrade");
    }

    @ParameterizedTest
    @MethodSource("bundled")
    void load_everyBundledScenario_startsAnEmulatorWithTheStandardApplication(String name) {
        Scenario scenario = Scenario.load(name);
        assertThat(scenario.name()).isEqualTo(name);
        assertThat(scenario.description()).isNotBlank();
        try (MsfEmulator emulator = MsfEmulator.start(scenario, new VirtualClock(scenario.startTime()))) {
            if (name.startsWith("fleet-")) {
                // The fleet scenarios are the payments fleet of events/fleet-input.json instead.
                assertThat(emulator.application("payments-01").orElseThrow().status()).isEqualTo("RUNNING");
                assertThat(emulator.application("payments-12")).isPresent();
                return;
            }
            if (name.equals("app-not-found")) {
                assertThat(emulator.application("orders-enricher")).isEmpty();
                return;
            }
            ApplicationView app = emulator.application("orders-enricher").orElseThrow();
            assertThat(app.status()).isEqualTo(name.equals("app-updating") ? "UPDATING" : "RUNNING");
            assertThat(app.versionId()).isEqualTo(7);
            assertThat(app.codeBucketArn()).isEqualTo(EmulatorClients.BUCKET);
            assertThat(app.runtime()).isEqualTo(name.equals("downgrade") ? "FLINK-1_20" : "FLINK-1_15");
            assertThat(app.snapshotsEnabled()).isEqualTo(!name.equals("snapshots-disabled") && !name.equals("rollback-no-snapshot"));
        }
    }

    /** The README's actions template is a scenario as written: it parses and starts an emulator. */
    @Test
    void readmeActionsTemplate_parsesAndStarts() throws IOException {
        String readme = Files.readString(Path.of("src/main/resources/scenarios/README.md"));
        String template = readme.substring(readme.indexOf("```json\n") + "```json\n".length());
        template = template.substring(0, template.indexOf("```"));

        Scenario scenario = Scenario.parse("readme", template);

        assertThat(scenario.spec().actions()).extracting(ScenarioSpec.ActionSpec::type).containsExactly(
                ScenarioSpec.ActionType.UPDATE, ScenarioSpec.ActionType.STOP, ScenarioSpec.ActionType.AUTOSCALE,
                ScenarioSpec.ActionType.START_UPGRADE);
        try (MsfEmulator emulator = MsfEmulator.start(scenario, new VirtualClock(scenario.startTime()))) {
            assertThat(emulator.application("orders-enricher")).isPresent();
        }
    }

    @Test
    void load_filePath_readsTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, "{\"description\": \"empty world\"}");

        Scenario scenario = Scenario.load(file.toString());

        assertThat(scenario.name()).isEqualTo("mine");
        assertThat(scenario.applicationNames()).isEmpty();
    }

    @Test
    void parse_unknownField_isRejectedNamingIt() {
        assertThatThrownBy(() -> Scenario.parse("typo", "{\"description\": \"x\", \"aplications\": []}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aplications");
    }

    @Test
    void load_fileWithATypoInAnApplication_namesTheFileTheFieldWhereItIsAndTheKnownFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("typo.json");
        Files.writeString(file, """
                {"description": "x", "startTime": "2025-06-02T09:00:00Z",
                 "applications": [{"name": "orders-enricher", "runtime": "FLINK-1_15", "paralelism": 4}]}
                """);

        assertThatThrownBy(() -> Scenario.load(file.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("scenario " + file + ": unknown field 'paralelism' at applications[0]; known fields: ")
                .hasMessageContaining("parallelism")
                .hasMessageNotContaining("io.flinkupgrade");
    }

    @Test
    void parse_missingRequiredField_namesItAndWhereItIsMissing() {
        assertThatThrownBy(() -> Scenario.parse("short", """
                {"description": "x", "applications": [{"name": "orders-enricher"}]}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("scenario short: at applications[0]: required field 'runtime' is missing");
    }

    @Test
    void load_unknownName_listsTheBundledScenarios() {
        assertThatThrownBy(() -> Scenario.load("no-such-scenario"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("healthy-upgrade");
    }

    @Test
    void fleet_generatesNumberedApplicationsWithRuntimesInTurnTagsAndOneRulePerBrokenApplication() {
        ScenarioSpec spec = Scenario.load("fleet-mixed").spec();

        assertThat(spec.applications()).hasSize(12);
        assertThat(spec.applications().get(0).name()).isEqualTo("payments-01");
        assertThat(spec.applications()).extracting(ScenarioSpec.ApplicationSpec::runtime).startsWith("FLINK-1_15", "FLINK-1_18", "FLINK-1_19", "FLINK-1_15");
        assertThat(spec.applications().get(11).code().fileKey()).isEqualTo("payments-12/payments-12-flink-1.19.jar");
        assertThat(spec.applications()).allSatisfy(a -> assertThat(a.tags()).containsEntry("team", "payments"));
        assertThat(spec.jobs()).extracting(ScenarioSpec.JobRule::application).containsExactly("payments-03", "payments-07", "payments-08");
    }

    @Test
    void fleet_aShareOfBrokenApplications_isEveryNthOne() {
        ScenarioSpec.BrokenSpec broken = new ScenarioSpec.BrokenSpec(null, 0.02, "FLINK-1_20", Behaviour.RESTART_LOOP);

        assertThat(broken.indexes(500)).hasSize(10).startsWith(50, 100).endsWith(500);
    }

    @Test
    void fleet_brokenApplicationsMisbehaveOnTheBrokenRuntimeOnly() {
        Scenario scenario = Scenario.parse("fleet", """
                {"description": "two", "fleet": {"count": 2, "broken": [{"indexes": [2], "runtime": "FLINK-1_20", "behaviour": "RESTART_LOOP"}]}}""");

        try (MsfEmulator emulator = MsfEmulator.start(scenario, new VirtualClock(scenario.startTime()))) {
            assertThat(emulator.application("app-001")).isPresent();
            assertThat(emulator.application("app-002")).isPresent();
        }
        assertThat(scenario.spec().jobs()).singleElement().satisfies(rule -> {
            assertThat(rule.application()).isEqualTo("app-002");
            assertThat(rule.runtime()).isEqualTo("FLINK-1_20");
        });
    }
}
