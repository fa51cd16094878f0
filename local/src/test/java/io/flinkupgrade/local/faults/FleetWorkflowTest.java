package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.readJson;
import static io.flinkupgrade.local.faults.WorkflowRuns.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionDescription;
import io.flinkupgrade.local.runtime.FleetResult;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The fleet workflow end to end: statemachine/fleet-upgrade.asl.json on the local engine, its
 * Distributed Map items starting the real upgrade workflow as child executions, against the emulator's
 * generated payments fleet (events/fleet-input.json: canary payments-01, then waves of 4, at most 4 at
 * once, one failure tolerated per wave).
 */
class FleetWorkflowTest {
    private static final JsonNode INPUT = readJson(repoFile("events", "fleet-input.json"));

    static FleetResult run(String scenario, JsonNode input) {
        FleetResult result = LocalUpgrade.runFleet(WorkflowRuns.DEFINITION, input, Scenario.load(scenario), event -> { }, n -> { });
        FleetInvariants.check(result, input);
        return result;
    }

    private static List<String> payments(int... numbers) {
        return IntStream.of(numbers).mapToObj(i -> String.format("payments-%02d", i)).toList();
    }

    /** {@code <application>-<first 8 hex digits of SHA-256("<fleet execution name>/<application>")>}, as the ASL names a child. */
    private static String childName(String fleetExecutionName, String applicationName) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((fleetExecutionName + "/" + applicationName).getBytes(StandardCharsets.UTF_8));
            return applicationName + "-" + HexFormat.of().formatHex(hash).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> operations(List<RecordedCall> calls) {
        return calls.stream().map(RecordedCall::operation).toList();
    }

    @Test
    void fleetHealthy_upgradesEveryApplicationWaveByWave() {
        FleetResult result = run("fleet-healthy", INPUT);

        assertThat(result.outcomeName()).isEqualTo("COMPLETED");
        assertThat(result.outcome().path("counts").path("UPGRADED").asInt()).isEqualTo(12);
        assertThat(result.outcome().path("waves")).extracting(w -> w.path("kind").asText() + ":" + w.path("total").asInt())
                .containsExactly("CANARY:1", "WAVE:4", "WAVE:4", "WAVE:3");
        assertThat(result.after().values()).allSatisfy(app -> assertThat(app.orElseThrow().runtime()).isEqualTo("FLINK-1_20"));
        assertThat(result.upgrades()).hasSize(12).allSatisfy(child -> assertThat(child.name()).isEqualTo(
                childName("fleet-FLINK-1_20", child.input().path("applicationName").asText())));
        for (String name : payments(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)) {
            assertThat(operations(result.mutatingCallsOn(name))).as(name).containsExactly("CreateApplicationSnapshot", "UpdateApplication");
        }
    }

    @Test
    void fleetHealthy_runsAWavesUpgradesConcurrentlyInVirtualTime() {
        FleetResult result = run("fleet-healthy", INPUT);

        ExecutionDescription canary = result.upgrades().get(0);
        Duration oneUpgrade = Duration.between(canary.startDate(), canary.stopDate());
        Duration fleet = Duration.between(result.execution().startTime(), result.execution().stopTime());
        // Four waves of at most four concurrent upgrades (one with a longer bake): about four upgrades long, not twelve.
        assertThat(fleet).isLessThan(oneUpgrade.multipliedBy(6));
        assertThat(result.upgrades().get(1).startDate()).isEqualTo(result.upgrades().get(4).startDate());
    }

    @Test
    void fleetCanaryFails_rollsBackTheCanaryAndTouchesNoOtherApplication() {
        FleetResult result = run("fleet-canary-fails", INPUT);

        assertThat(result.outcomeName()).isEqualTo("HALTED");
        assertThat(result.outcomeOf("payments-01")).isEqualTo("ROLLED_BACK");
        assertThat(result.outcome().path("halted").path("wave").asInt()).isEqualTo(1);
        assertThat(result.outcome().path("halted").path("reason").asText()).contains("the canary", "payments-01 ROLLED_BACK");
        assertThat(result.outcome().path("counts").path("NOT_STARTED").asInt()).isEqualTo(11);
        assertThat(result.upgrades()).singleElement().satisfies(child -> assertThat(child.input().path("applicationName").asText())
                .isEqualTo("payments-01"));
        assertThat(result.mutatingCalls()).allSatisfy(call -> assertThat(call.applicationName()).isEqualTo("payments-01"));
    }

    @Test
    void fleetMixed_toleratesOneFailureInAWaveAndHaltsAfterTheWaveWithTwo() {
        FleetResult result = run("fleet-mixed", INPUT);

        assertThat(result.outcomeName()).isEqualTo("HALTED");
        assertThat(result.outcome().path("waves")).extracting(w -> w.path("number").asInt() + ":" + w.path("failed").asInt())
                .containsExactly("1:0", "2:1", "3:2");
        assertThat(result.outcome().path("problems")).extracting(p -> p.path("applicationName").asText() + " " + p.path("outcome").asText())
                .containsExactly("payments-03 ROLLED_BACK", "payments-07 ROLLED_BACK", "payments-08 ROLLED_BACK");
        assertThat(result.outcome().path("halted").path("wave").asInt()).isEqualTo(3);
        assertThat(result.outcome().path("halted").path("reason").asText())
                .contains("wave 3 had 2 of 4 applications not UPGRADED (payments-07 ROLLED_BACK, payments-08 ROLLED_BACK); it tolerates 1");
        for (String name : payments(10, 11, 12)) {
            assertThat(result.outcomeOf(name)).as(name).isEqualTo("NOT_STARTED");
        }
        assertThat(result.outcome().path("counts").path("UPGRADED").asInt()).isEqualTo(6);
    }

    @Test
    void dryRun_plansTheWavesAndStartsNothing() {
        ObjectNode input = INPUT.deepCopy();
        input.put("dryRun", true);

        FleetResult result = run("fleet-healthy", input);

        assertThat(result.outcomeName()).isEqualTo("DRY_RUN");
        assertThat(result.outcome().path("waves")).extracting(w -> w.path("applications").size()).containsExactly(1, 4, 4, 3);
        assertThat(result.outcome().path("waves").path(0).path("applications").path(0).path("currentRuntime").asText()).isEqualTo("FLINK-1_15");
    }

    @Test
    void selector_upgradesTheTaggedApplicationsOnTheSelectedRuntimeOnly() {
        JsonNode input = readJson(repoFile("events", "fleet-selector-input.json"));

        FleetResult result = run("fleet-healthy", input);

        assertThat(result.outcomeName()).isEqualTo("COMPLETED");
        assertThat(result.outcome().path("applications").fieldNames()).toIterable().containsExactlyElementsOf(payments(1, 4, 7, 10));
        assertThat(result.mutatingCallsOn("payments-02")).isEmpty();
        assertThat(result.after().get("payments-04").orElseThrow().codeFileKey()).isEqualTo("payments-04/payments-04-flink-1.20.jar");
    }

    @Test
    void aRejectedFleetRequest_startsNothingAndSaysWhy() {
        ObjectNode input = INPUT.deepCopy();
        ((ObjectNode) input.path("defaults").path("health")).put("bakeSeconds", 30);

        FleetResult result = run("fleet-healthy", input);

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(result.outcome().path("reasons").path(0).asText()).startsWith("defaults.health.bakeSeconds: 30 is too short");
    }

    /** The same 12 applications as a list in S3 (events/fleet-list-input.json): the wave files carry them, the outcome is the inline list's. */
    @Test
    void applicationListInS3_upgradesTheListedApplicationsAsAnInlineListWould() throws Exception {
        JsonNode input = readJson(repoFile("events", "fleet-list-input.json"));
        byte[] list = Files.readAllBytes(repoFile("events", "lists", "payments-applications.json"));

        FleetResult result = LocalUpgrade.runFleet(WorkflowRuns.DEFINITION, input, Scenario.load("fleet-healthy"), event -> { }, n -> { },
                Optional.of(list));
        FleetInvariants.check(result, input);

        assertThat(result.outcomeName()).isEqualTo("COMPLETED");
        assertThat(result.outcome().path("applications").fieldNames()).toIterable().containsExactlyElementsOf(payments(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
        assertThat(result.outcome().path("counts").path("UPGRADED").asInt()).isEqualTo(12);
        assertThat(result.after().get("payments-06").orElseThrow().codeFileKey()).isEqualTo("payments-06/payments-06-flink-1.20.jar");
    }

    @Test
    void applicationListMissingFromS3_rejectsTheFleetNamingTheObject() {
        JsonNode input = readJson(repoFile("events", "fleet-list-input.json"));

        FleetResult result = run("fleet-healthy", input);

        assertThat(result.outcomeName()).isEqualTo("REJECTED");
        assertThat(result.outcome().path("reasons").path(0).asText()).startsWith(
                "applicationList: s3://flink-upgrade-fleet-local/fleet-requests/payments-applications.json cannot be read (NoSuchKey)");
        assertThat(result.taskCalls()).as("calls to MSF").noneMatch(call -> call.call().service().equals("kinesisanalyticsv2"));
    }
}
