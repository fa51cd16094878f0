package io.flinkupgrade.local.faults;

import static io.flinkupgrade.local.faults.WorkflowRuns.consoleInput;
import static io.flinkupgrade.local.faults.WorkflowRuns.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flinkupgrade.emulator.RecordedCall;
import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Progress while running (issue 13): the workflow keeps its current step, and during the bake the bake's
 * progress, on its own lease item, for GET /upgrades/{id} to show; never on another's lease, never at the
 * cost of the upgrade.
 */
class ProgressWorkflowTest {
    private static final String APPLICATION = "orders-enricher";

    /** The lease item as it was each time the execution entered a state, in order. */
    private record Seen(String state, Map<String, JsonNode> lease) {
        String step() {
            return lease.containsKey("step") ? lease.get("step").path("S").asText() : "(none)";
        }

        JsonNode bake() {
            return lease.get("bake").path("M");
        }
    }

    /** Runs {@code input} in a session of {@code scenario}, reading the lease item as each state is entered; {@code onEntered} may act then. */
    private static LocalUpgrade.Result run(Scenario scenario, JsonNode input, List<Seen> seen,
            BiConsumer<LocalUpgrade.Session, HistoryEvent> onEntered) {
        AtomicReference<LocalUpgrade.Session> session = new AtomicReference<>();
        try (LocalUpgrade.Session opened = LocalUpgrade.session(WorkflowRuns.DEFINITION, scenario, event -> {
            if (event.type() == HistoryEventType.STATE_ENTERED && session.get() != null) {
                session.get().lease(APPLICATION).ifPresent(lease -> seen.add(new Seen(event.stateName(), lease)));
                onEntered.accept(session.get(), event);
            }
        }, notification -> { })) {
            session.set(opened);
            return opened.run(input);
        }
    }

    private static List<Seen> at(List<Seen> seen, String state) {
        return seen.stream().filter(s -> s.state().equals(state)).toList();
    }

    @Test
    void aHealthyUpgrade_showsEachStep_andTheBakesChecksVerdictAndTimeLeft() {
        JsonNode input = consoleInput();
        List<Seen> seen = new ArrayList<>();
        LocalUpgrade.Result result = run(Scenario.load("healthy-upgrade"), input, seen, (session, event) -> { });

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(at(seen, "Preflight")).singleElement().satisfies(s -> assertThat(s.step()).isEqualTo("PREFLIGHT"));
        assertThat(at(seen, "TakeSnapshot")).singleElement().satisfies(s -> assertThat(s.step()).isEqualTo("SNAPSHOT"));
        assertThat(at(seen, "WaitForRunning")).isNotEmpty().allSatisfy(s -> assertThat(s.step()).isEqualTo("UPDATING"));
        List<Seen> bake = at(seen, "IsHealthy");
        assertThat(bake).hasSizeGreaterThan(2).allSatisfy(s -> {
            assertThat(s.step()).isEqualTo("BAKE");
            assertThat(s.lease().get("stepStartedAt").path("S").asText()).isNotEmpty();
        });
        for (int i = 0; i < bake.size(); i++) {
            assertThat(bake.get(i).bake().path("checks").path("N").asInt()).as("checks so far").isEqualTo(i + 1);
        }
        assertThat(bake.get(0).bake().path("secondsLeft").path("N").asInt())
                .isGreaterThan(bake.get(1).bake().path("secondsLeft").path("N").asInt());
        Seen last = bake.get(bake.size() - 1);
        assertThat(last.bake().path("verdict").path("S").asText()).isEqualTo("HEALTHY");
        assertThat(last.bake().path("secondsLeft").path("N").asInt()).isZero();
        assertThat(last.bake().path("checkedAt").path("S").asText()).isNotEmpty();
        assertThat(result.leaseAfter()).isEmpty();
        UpgradeInvariants.check(result, input);
    }

    @Test
    void anUnhealthyUpgrade_showsTheVerdictThatStartedTheRollback_thenRollingBack() {
        JsonNode input = consoleInput();
        List<Seen> seen = new ArrayList<>();
        LocalUpgrade.Result result = run(Scenario.load("failing-checkpoints"), input, seen, (session, event) -> { });

        assertThat(result.outcomeName()).isEqualTo("ROLLED_BACK");
        assertThat(at(seen, "VerifyRollback")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.step()).isEqualTo("ROLLING_BACK");
            assertThat(s.bake().path("verdict").path("S").asText()).isEqualTo("UNHEALTHY");
            assertThat(s.bake().path("reasons").path("L")).isNotEmpty();
        });
        UpgradeInvariants.check(result, input);
    }

    /** Progress writes that keep failing change nothing: same outcome, same calls to MSF as without them. */
    @Test
    void failedProgressWrites_neverChangeTheUpgrade() {
        JsonNode input = consoleInput();
        LocalUpgrade.Result failing = run(Scenario.load("progress-writes-fail"), input, new ArrayList<>(), (session, event) -> { });
        LocalUpgrade.Result healthy = WorkflowRuns.run("healthy-upgrade", input);

        assertThat(failing.outcomeName()).isEqualTo("UPGRADED");
        assertThat(events(failing, HistoryEventType.TASK_FAILED, "RecordProgressBake")).isNotEmpty();
        assertThat(failing.mutatingCalls()).map(RecordedCall::operation)
                .containsExactlyElementsOf(healthy.mutatingCalls().stream().map(RecordedCall::operation).toList());
        UpgradeInvariants.check(failing, input);
    }

    /** A lease that another execution took over (it expired) is theirs: our progress is not written on it, and the upgrade goes on. */
    @Test
    void aLeaseTakenOverByAnother_neverReceivesOurProgress() {
        JsonNode input = consoleInput();
        String other = "arn:aws:states:us-east-1:123456789012:execution:flink-upgrade:someone-else";
        List<Seen> seen = new ArrayList<>();
        LocalUpgrade.Result result = run(Scenario.load("healthy-upgrade"), input, seen, (session, event) -> {
            if (event.stateName().equals("BakeAndCheckHealth") && !session.lease(APPLICATION).orElseThrow()
                    .get("holder").path("S").asText().equals(other)) {
                takeOver(session, other);
            }
        });

        assertThat(result.outcomeName()).isEqualTo("UPGRADED");
        assertThat(at(seen, "IsHealthy")).isNotEmpty().allSatisfy(s -> {
            assertThat(s.lease().get("holder").path("S").asText()).isEqualTo(other);
            assertThat(s.lease()).doesNotContainKeys("step", "bake");
        });
        assertThat(result.leaseAfter()).hasValueSatisfying(lease -> assertThat(lease.get("holder").path("S").asText()).isEqualTo(other));
        assertThat(result.outcome().path("warnings").toString()).contains("no longer held by this execution");
        UpgradeInvariants.check(result, input);
    }

    private static void takeOver(LocalUpgrade.Session session, String holder) {
        try (DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(session.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            client.putItem(b -> b.tableName(LocalUpgrade.LEASE_TABLE).item(Map.of(
                    "applicationName", AttributeValue.fromS(APPLICATION),
                    "record", AttributeValue.fromS("LEASE"),
                    "holder", AttributeValue.fromS(holder),
                    "expiresAt", AttributeValue.fromN("4102444800"))));
        }
    }
}
