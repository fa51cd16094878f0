package io.flinkupgrade.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.support.RepoFiles;
import io.flinkupgrade.wiring.TaskJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The lease in the workflow file and in the cleanup's: taken before anything else, released on every
 * path that took it before the outcome is notified, its expiry tied to the state machine's timeout,
 * its DynamoDB calls retried and caught as the integration reports their errors.
 */
class LeaseAslContractTest {
    private static final String DYNAMODB = "arn:aws:states:::dynamodb:";
    private static final List<String> THROTTLING_AND_5XX = List.of("DynamoDB.ProvisionedThroughputExceededException",
            "DynamoDB.ThrottlingException", "DynamoDB.RequestLimitExceeded", "DynamoDB.InternalServerError",
            "DynamoDB.ServiceUnavailable");

    private final JsonNode asl = read(RepoFiles.asl());
    private final JsonNode states = asl.get("States");
    private final JsonNode cleanup = read(RepoFiles.releaseLeaseAsl());

    private static JsonNode read(Path file) {
        try {
            return TaskJson.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> targets(JsonNode state) {
        List<String> next = new ArrayList<>();
        if (state.has("Next")) {
            next.add(state.get("Next").asText());
        }
        if (state.has("Default")) {
            next.add(state.get("Default").asText());
        }
        state.path("Choices").forEach(c -> next.add(c.get("Next").asText()));
        state.path("Catch").forEach(c -> next.add(c.get("Next").asText()));
        return next;
    }

    private static boolean isTerminal(JsonNode state) {
        String type = state.get("Type").asText();
        return type.equals("Succeed") || type.equals("Fail") || state.path("End").asBoolean(false);
    }

    private static List<String> errorNames(JsonNode rules) {
        List<String> names = new ArrayList<>();
        rules.forEach(r -> r.get("ErrorEquals").forEach(e -> names.add(e.asText())));
        return names;
    }

    @Test
    void theLease_isTheFirstThing_takenBeforePreflightForEveryInputThatIsNotADryRun() {
        assertThat(asl.get("StartAt").asText()).isEqualTo("NeedsLease");
        JsonNode needsLease = states.get("NeedsLease");
        assertThat(needsLease.get("Choices")).hasSize(1);
        assertThat(needsLease.get("Choices").get(0).get("Next").asText()).isEqualTo("AcquireLease");
        assertThat(needsLease.get("Choices").get(0).get("Condition").asText()).contains("$not($states.input.dryRun = true)");
        assertThat(needsLease.get("Default").asText()).isEqualTo("Preflight");
        assertThat(states.get("AcquireLease").get("Next").asText()).isEqualTo("Preflight");
    }

    /**
     * An input NeedsLease sends past the lease must be one Preflight rejects: its name test is the
     * schema's applicationName rule, so no valid request reaches a mutating call without the lease.
     */
    @Test
    void theApplicationNameTest_isTheSchemasApplicationNameRule() throws IOException {
        JsonNode name = TaskJson.mapper().readTree(Files.readString(RepoFiles.schema())).get("properties").get("applicationName");
        String pattern = name.get("pattern").asText();
        String characters = pattern.substring(1, pattern.length() - 2);
        String expected = "/^" + characters + "{" + name.get("minLength").asInt() + "," + name.get("maxLength").asInt() + "}$/";

        assertThat(states.get("NeedsLease").get("Choices").get(0).get("Condition").asText()).contains(expected);
        assertThat(cleanup.get("States").get("FindApplication").get("Choices").get(0).get("Condition").asText()).contains(expected);
    }

    /** Every path on which this execution may hold the lease passes HoldsLease before it ends (dry runs hold none). */
    @Test
    void everyPathAfterTheLeaseWasTaken_releasesItBeforeTheExecutionEnds() {
        Set<String> reached = new TreeSet<>();
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("Preflight"));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.equals("HoldsLease") || !seen.add(name)) {
                continue;
            }
            if (isTerminal(states.get(name))) {
                reached.add(name);
            }
            targets(states.get(name)).forEach(todo::push);
        }
        assertThat(reached).as("terminal states reachable with the lease held and not released")
                .containsExactly("DryRunPlanned");
    }

    /**
     * No state goes to Notify but the release (through RecordOutcome, which only counts the outcome),
     * so a state added later cannot notify while still holding the lease; the history record is
     * written on the way to the release, which follows it whether the write succeeds or not.
     */
    @Test
    void notify_isOnlyReachedThroughTheRelease() {
        assertThat(into("Notify")).containsExactly("RecordOutcome");
        assertThat(into("RecordOutcome")).containsExactly("HoldsLease", "ReleaseLease");
        assertThat(targets(states.get("RecordOutcome"))).containsOnly("Notify");
        assertThat(targets(states.get("ReleaseLease"))).containsOnly("RecordOutcome");
        assertThat(targets(states.get("HoldsLease"))).containsExactlyInAnyOrder("RecordHistory", "RecordOutcome");
        assertThat(targets(states.get("RecordHistory"))).containsOnly("ReleaseLease");
        assertThat(into("ReleaseLease")).containsExactly("RecordHistory");
    }

    private Set<String> into(String target) {
        Set<String> into = new TreeSet<>();
        states.fields().forEachRemaining(e -> {
            if (targets(e.getValue()).contains(target)) {
                into.add(e.getKey());
            }
        });
        return into;
    }

    /**
     * The lease outlives any execution that can still be running: StartTime + the state machine's own
     * TimeoutSeconds + a margin. The ASL cannot read its TimeoutSeconds, so the number is repeated once.
     */
    @Test
    void leaseExpiry_isTheExecutionStartPlusTheStateMachinesTimeoutPlusAMargin() {
        String expiry = states.get("NeedsLease").get("Choices").get(0).get("Assign").get("leaseExpiresAt").asText();
        Matcher m = Pattern.compile("\\$floor\\(\\$toMillis\\(\\$states\\.context\\.Execution\\.StartTime\\) / 1000\\) \\+ (\\d+) \\+ (\\d+)")
                .matcher(expiry);

        assertThat(m.find()).as(expiry).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(asl.get("TimeoutSeconds").asLong());
        assertThat(Long.parseLong(m.group(2))).isPositive();
        assertThat(states.get("AcquireLease").get("Arguments").get("Item").get("expiresAt").get("N").asText())
                .contains("$leaseExpiresAt");
    }

    @Test
    void theLeaseCondition_isFreeOrOursOrExpired_andTheReleaseOnlyOurs() {
        JsonNode acquire = states.get("AcquireLease").get("Arguments");
        assertThat(acquire.get("ConditionExpression").asText())
                .isEqualTo("attribute_not_exists(#applicationName) OR #holder = :holder OR #expiresAt < :now");
        assertThat(acquire.get("ExpressionAttributeValues").get(":holder").get("S").asText()).contains("$states.context.Execution.Id");
        assertThat(acquire.get("Item").get("holder").get("S").asText()).contains("$states.context.Execution.Id");
        JsonNode release = states.get("ReleaseLease").get("Arguments");
        assertThat(release.get("ConditionExpression").asText()).isEqualTo("#holder = :holder");
        assertThat(release.get("ExpressionAttributeValues").get(":holder").get("S").asText()).contains("$states.context.Execution.Id");
        JsonNode cleanupRelease = cleanup.get("States").get("ReleaseLease").get("Arguments");
        assertThat(cleanupRelease.get("ConditionExpression").asText()).isEqualTo("#holder = :holder");
        assertThat(cleanupRelease.get("ExpressionAttributeValues").get(":holder").get("S").asText())
                .contains("$states.input.detail.executionArn");
    }

    @Test
    void aHeldLease_isReadAndRejectedNamingItsHolder_andAnyOtherLeaseErrorFailsBeforeAnythingChanged() {
        JsonNode catches = states.get("AcquireLease").get("Catch");
        assertThat(errorNames(TaskJson.mapper().createArrayNode().add(catches.get(0))))
                .containsExactly("DynamoDB.ConditionalCheckFailedException");
        assertThat(catches.get(0).get("Next").asText()).isEqualTo("ReadLeaseHolder");
        assertThat(catches.get(1).get("Next").asText()).isEqualTo("Failed");
        assertThat(states.get("LeaseHeld").get("Next").asText()).isEqualTo("Rejected");
        assertThat(states.get("LeaseHeld").get("Assign").get("failure").asText()).contains("$item.holder.S");
    }

    /** Both files: each DynamoDB task names the lease table, has a timeout, and retries throttling and 5xx. */
    @Test
    void everyDynamoDbTask_usesTheLeaseTable_hasATimeout_andRetriesThrottlingAndServerErrors() {
        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        states.fields().forEachRemaining(e -> tasks.put(e.getKey(), e.getValue()));
        cleanup.get("States").fields().forEachRemaining(e -> tasks.put("release-lease/" + e.getKey(), e.getValue()));
        List<String> dynamoDbTasks = new ArrayList<>();
        tasks.forEach((name, state) -> {
            if (!state.path("Resource").asText().startsWith(DYNAMODB)) {
                return;
            }
            dynamoDbTasks.add(name);
            assertThat(state.get("Arguments").get("TableName").asText()).as(name).isEqualTo("${LeaseTableName}");
            assertThat(state.get("Arguments").get("Key") != null || state.get("Arguments").get("Item") != null).as(name).isTrue();
            assertThat(state.has("TimeoutSeconds")).as(name + " TimeoutSeconds").isTrue();
            assertThat(errorNames(state.get("Retry"))).as(name + " retries").containsAll(THROTTLING_AND_5XX);
        });
        assertThat(dynamoDbTasks).containsExactlyInAnyOrder(
                "AcquireLease", "ReadLeaseHolder", "RecordProgressSnapshot", "RecordProgressUpdating", "RecordProgressBake",
                "RecordProgressRollingBack", "RecordHistory", "ReleaseLease", "release-lease/ReleaseLease");
    }

    /**
     * Each progress write updates the lease item only while it names this execution, catches every error
     * and goes on to where the workflow went before it was added: progress never changes an upgrade.
     */
    @Test
    void progressWrites_onlyUpdateOurOwnLease_andNeverChangeThePath() {
        Map<String, String> next = Map.of("RecordProgressSnapshot", "TakeSnapshot", "RecordProgressUpdating", "WaitForRunning",
                "RecordProgressBake", "IsHealthy", "RecordProgressRollingBack", "VerifyRollback");
        next.forEach((name, after) -> {
            JsonNode state = states.get(name);
            JsonNode arguments = state.get("Arguments");
            assertThat(state.get("Resource").asText()).as(name).isEqualTo(DYNAMODB + "updateItem");
            assertThat(arguments.get("Key").get("record").get("S").asText()).as(name).isEqualTo("LEASE");
            assertThat(arguments.get("ConditionExpression").asText()).as(name).isEqualTo("#holder = :holder");
            assertThat(arguments.get("ExpressionAttributeValues").get(":holder").get("S").asText()).as(name)
                    .contains("$states.context.Execution.Id");
            assertThat(arguments.get("UpdateExpression").asText()).as(name).startsWith("SET #step = :step, #stepStartedAt = :stepStartedAt");
            assertThat(errorNames(state.get("Catch"))).as(name).containsExactly("States.ALL");
            assertThat(targets(state)).as(name).containsOnly(after);
        });
        assertThat(into("TakeSnapshot")).containsExactly("RecordProgressSnapshot");
        assertThat(into("IsHealthy")).containsExactly("RecordProgressBake");
        assertThat(into("RecordProgressUpdating")).containsExactlyInAnyOrder("ResumeUpgrade", "UpdateApplication");
        assertThat(states.get("AcquireLease").get("Arguments").get("Item").get("step").get("S").asText()).isEqualTo("PREFLIGHT");
    }

    @Test
    void theCleanup_treatsALeaseItDoesNotHoldAsNothingToDo_andNeedsOnlyTheTableName() throws IOException {
        JsonNode release = cleanup.get("States").get("ReleaseLease");
        assertThat(errorNames(release.get("Catch"))).containsExactly("DynamoDB.ConditionalCheckFailedException");
        assertThat(cleanup.get("States").get(release.get("Catch").get(0).get("Next").asText()).get("Type").asText()).isEqualTo("Succeed");
        Matcher placeholders = Pattern.compile("\\$\\{([A-Za-z0-9]+)}").matcher(Files.readString(RepoFiles.releaseLeaseAsl()));
        Set<String> names = new TreeSet<>();
        while (placeholders.find()) {
            names.add(placeholders.group(1));
        }
        assertThat(names).containsExactly("LeaseTableName");
        assertThat(cleanup.get("QueryLanguage").asText()).isEqualTo("JSONata");
    }
}
