package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.readJson;
import static io.flinkupgrade.local.faults.WorkflowRuns.reasons;
import static io.flinkupgrade.local.faults.WorkflowRuns.repoFile;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.wiring.TaskJson;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the whole workflow: every case of {@code events/invalid/malformed-inputs.json},
 * huge payloads built here, and requests the upgrade rules refuse. Each ends REJECTED with a reason
 * that starts with the field it is about, and the emulator records no mutating call.
 */
class MalformedInputWorkflowTest {

    static Stream<Arguments> corpus() {
        JsonNode cases = readJson(repoFile("events", "invalid", "malformed-inputs.json")).get("cases");
        List<Arguments> arguments = new ArrayList<>();
        cases.forEach(c -> arguments.add(Arguments.of(c.get("name").asText(), c.get("input"), c.get("field").asText())));
        return arguments.stream();
    }

    /** Inputs far past any sane size, in the places a size limit or a type check must catch them. */
    static Stream<Arguments> hugePayloads() {
        ObjectNode deep = TaskJson.mapper().createObjectNode();
        ObjectNode level = deep;
        for (int i = 0; i < 500; i++) {
            level = level.putObject("junk");
            level.put("filler", "x".repeat(100));
        }
        ObjectNode alarms = consoleInput();
        ArrayNode names = alarms.with("health").putArray("alarmNames");
        for (int i = 0; i < 10_000; i++) {
            names.add("alarm-" + i);
        }
        return Stream.of(
                Arguments.of("a 200 KB applicationName", consoleInput(i -> i.put("applicationName", "a".repeat(200_000))), "applicationName"),
                Arguments.of("a 10,000-element alarmNames", alarms, "health.alarmNames"),
                Arguments.of("deeply nested junk in an unknown field", consoleInput(i -> i.set("extra", deep)), "extra"),
                Arguments.of("a 100 KB fileKey", consoleInput(i -> i.with("code").put("fileKey", "k/".repeat(50_000))), "code.fileKey"));
    }

    /** Well-formed requests the application's state or the upgrade rules refuse (scenario downgrade: FLINK-1_20 with the 1.5.0 jar). */
    static Stream<Arguments> ruleRejections() {
        return Stream.of(
                Arguments.of("downgrade", "downgrade", consoleInput(i -> i.put("targetRuntime", "FLINK-1_15")), "targetRuntime"),
                Arguments.of("unknown runtime", "healthy-upgrade", consoleInput(i -> i.put("targetRuntime", "FLINK-1_21")), "targetRuntime"),
                Arguments.of("no-op", "downgrade", consoleInput(), "targetRuntime"),
                Arguments.of("application not found", "app-not-found", consoleInput(), "applicationName"),
                Arguments.of("transitional status", "app-updating", consoleInput(), "applicationName"),
                Arguments.of("bucket in another partition than the application", "healthy-upgrade",
                        consoleInput(i -> i.with("code").put("bucketArn", "arn:aws-cn:s3:::flink-artifacts-123456789012")), "code.bucketArn"));
    }

    private static void assertRejectedNaming(LocalUpgrade.Result result, JsonNode input, String field) {
        assertThat(result.outcomeName()).as("outcome of %s", result.outcome()).isEqualTo("REJECTED");
        assertThat(reasons(result)).singleElement().asString().startsWith(field + ": ");
        assertThat(result.mutatingCalls()).isEmpty();
        UpgradeInvariants.check(result, input);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void upgrade_whenTheInputIsMalformed_endsRejectedNamingTheFieldWithNoMutatingCall(String name, JsonNode input, String field) {
        assertRejectedNaming(WorkflowRuns.run("healthy-upgrade", input), input, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugePayloads")
    void upgrade_whenThePayloadIsHuge_endsRejectedNamingTheFieldWithNoMutatingCall(String name, JsonNode input, String field) {
        assertRejectedNaming(WorkflowRuns.run("healthy-upgrade", input), input, field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ruleRejections")
    void upgrade_whenTheRulesRefuseTheRequest_endsRejectedNamingTheFieldWithNoMutatingCall(
            String name, String scenario, JsonNode input, String field) {
        assertRejectedNaming(WorkflowRuns.run(scenario, input), input, field);
    }
}
