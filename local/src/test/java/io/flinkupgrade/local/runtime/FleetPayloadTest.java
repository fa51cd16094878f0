package io.flinkupgrade.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.emulator.MsfEmulator;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.ExecutionListener;
import io.flinkupgrade.engine.ExecutionResult;
import io.flinkupgrade.engine.ExecutionStatus;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.engine.LocalEngine;
import io.flinkupgrade.engine.StateMachineDefinition;
import io.flinkupgrade.engine.VirtualClock;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fleet of 1,000 applications within Step Functions' payload limits: every state's input and output,
 * and the waves' reports the fleet keeps in a variable, stay under 256 KiB
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html, "Maximum input or output size
 * for a task, state, or execution"). The list of applications, each with its code and its own health
 * settings, is itself larger than that, so it is in S3 (applicationList): the real PlanFleet handler
 * reads it, checks the 1,000 emulated applications and writes the wave files, which each wave's
 * ItemReader reads. Each child upgrade is a one-state machine standing in for the upgrade workflow,
 * whose outcome carries 2 KiB of reasons, so a parent that kept its children's outcomes instead of a
 * compact summary would be 2 MB and fail here. The upgrade itself is what the fault matrix and
 * FleetWorkflowTest prove.
 */
class FleetPayloadTest {
    private static final int LIMIT = 256 * 1024;
    private static final String CHILD = """
            {"QueryLanguage": "JSONata", "StartAt": "Outcome", "States": {"Outcome": {"Type": "Pass", "End": true,
             "Output": "{% {'outcome': $contains($states.input.applicationName, /00$/) ? 'ROLLED_BACK' : 'UPGRADED', 'applicationName': $states.input.applicationName, 'reasons': [$join([1..32].('a reason the child keeps in its own execution, not the parent fleet,'), ' ')]} %}"}}}
            """;
    private static final String SCENARIO = """
            {"description": "1,000 applications", "fleet": {"count": 1000, "namePattern": "payments-enricher-%04d",
             "runtimes": ["FLINK-1_15", "FLINK-1_18"], "tags": {"team": "payments"}}}
            """;
    private static final String LIST_KEY = "fleet-requests/thousand.json";
    private static final String REQUEST = """
            {"targetRuntime": "FLINK-1_20",
             "applicationList": {"bucket": "%s", "key": "%s"},
             "defaults": {"health": {"bakeSeconds": 600}},
             "rollout": {"canarySize": 1, "waves": {"size": 333}, "maxConcurrency": 250, "toleratedFailures": {"percentage": 5}}}
            """.formatted(LocalUpgrade.FLEET_BUCKET, LIST_KEY);

    @Test
    void aFleetOfAThousandApplicationsListedInS3_keepsEveryStateAndTheWavesReportsUnder256KiB() throws IOException {
        Scenario scenario = Scenario.parse("thousand", SCENARIO);
        VirtualClock clock = new VirtualClock(scenario.startTime());
        List<Integer> sizes = new ArrayList<>();
        List<Integer> waveReports = new ArrayList<>();
        List<String> largest = new ArrayList<>();
        try (MsfEmulator emulator = MsfEmulator.start(scenario, clock, 0, clock::advance);
                SessionClients clients = SessionClients.at(emulator.endpoint())) {
            LocalLambdaRuntime runtime = new LocalLambdaRuntime(new NotificationSink(n -> { }), clients.dynamoDb(), clients.handlers());
            LocalEngine engine = new LocalEngine(runtime, clock, new Random(1), new ExecutionListener() {
                @Override
                public void onEvent(HistoryEvent event) {
                }

                @Override
                public void onEvent(String executionArn, HistoryEvent event) {
                    if (event.detail() != null) {
                        int size = event.detail().getBytes(StandardCharsets.UTF_8).length;
                        sizes.add(size);
                        if (size > LIMIT / 2) {
                            largest.add(event.type() + " " + event.stateName() + " " + size);
                        }
                    }
                    if (event.type() == HistoryEventType.STATE_EXITED && "RunWave".equals(event.stateName())) {
                        waveReports.add(event.detail().getBytes(StandardCharsets.UTF_8).length);
                    }
                }
            });
            engine.register(LocalUpgrade.UPGRADE_STATE_MACHINE, StateMachineDefinition.parse(CHILD, Map.of()));
            byte[] list = applicationList(scenario.applicationNames());
            assertThat(list.length).as("the application list, too large to be the execution input").isGreaterThan(LIMIT);
            emulator.s3().createBucket(LocalUpgrade.FLEET_BUCKET);
            emulator.s3().put(LocalUpgrade.FLEET_BUCKET, LIST_KEY, list, "application/json");
            StateMachineDefinition fleet = StateMachineDefinition.parse(bundled(), LocalUpgrade.substitutions());
            JsonNode request = TaskJson.mapper().readTree(REQUEST);

            ExecutionResult result = engine.execute(fleet, "fleet-thousand", request);

            assertThat(result.status()).as("%s %s", result.error(), result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(result.output().path("counts").path("UPGRADED").asInt()).isEqualTo(990);
            assertThat(result.output().path("counts").path("ROLLED_BACK").asInt()).isEqualTo(10);
            assertThat(result.output().path("waves")).hasSize(4);
        }
        assertThat(sizes).hasSizeGreaterThan(4000);
        assertThat(sizes.stream().mapToInt(Integer::intValue).max().orElseThrow()).as("the largest state input or output, of %s", largest).isLessThan(LIMIT);
        assertThat(waveReports.stream().mapToInt(Integer::intValue).sum()).as("the waves' reports the fleet assigns to $reports").isLessThan(LIMIT);
    }

    /** Every application with its code and health settings of its own, as a platform team's generated list would be. */
    private static byte[] applicationList(List<String> names) throws IOException {
        ArrayNode list = TaskJson.mapper().createArrayNode();
        for (String name : names) {
            ObjectNode entry = list.addObject().put("applicationName", name);
            entry.putObject("code").put("bucketArn", "arn:aws:s3:::flink-artifacts-123456789012")
                    .put("fileKey", name + "/" + name + "-2.0.0-flink-1.20.jar");
            entry.putObject("health").put("bakeSeconds", 900).put("periodSeconds", 60).put("maxFullRestarts", 0);
            entry.putObject("snapshot").put("enabled", true).put("waitTimeoutSeconds", 1800);
        }
        return TaskJson.mapper().writeValueAsBytes(list);
    }

    private static String bundled() throws IOException {
        try (InputStream in = FleetPayloadTest.class.getResourceAsStream(LocalUpgrade.BUNDLED_FLEET_ASL)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
