package io.flinkupgrade.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flinkupgrade.emulator.Scenario;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import io.flinkupgrade.local.runtime.UpgradeServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The read routes' service through the real SDK clients against a local serve: the emulator's DynamoDB
 * (the lease table with the stack's indexes) and the local Step Functions API running the real workflow.
 */
class UpgradeQueriesWireTest {
    private static final Path CONSOLE_INPUT = Path.of(System.getProperty("flinkupgrade.root", ".."), "events", "console-input.json");
    /** The scenarios' start: the server's virtual clock stays within minutes of it, far inside any lease's lifetime. */
    private static final Clock SCENARIO_TIME = Clock.fixed(Instant.parse("2025-06-02T09:00:00Z"), ZoneOffset.UTC);

    private static DynamoDbClient dynamoDb(URI endpoint) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static SfnClient sfn(URI endpoint) {
        return SfnClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static UpgradeDetail await(UpgradeQueries queries, String id, Predicate<UpgradeDetail> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        UpgradeDetail detail = queries.describe(id);
        while (!done.test(detail)) {
            assertThat(System.nanoTime()).as("%s still %s", id, detail).isLessThan(deadline);
            Thread.sleep(100);
            detail = queries.describe(id);
        }
        return detail;
    }

    @Test
    void aRunningUpgradeShowsItsStepAndBake_andOnceEndedItsOutcomeAndHistoryRecord() throws Exception {
        // 20 times as fast, with the shortest bake the input allows (240 s): about 15 s of wall time.
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, 20, n -> { });
                DynamoDbClient dynamoDb = dynamoDb(server.endpoint());
                SfnClient sfn = sfn(server.endpoint())) {
            UpgradeQueries queries = new UpgradeQueries(dynamoDb, sfn, SCENARIO_TIME, LocalUpgrade.LEASE_TABLE, server.stateMachineArn());
            String input = Files.readString(CONSOLE_INPUT).replace("\"bakeSeconds\": 600", "\"bakeSeconds\": 240");
            sfn.startExecution(r -> r.stateMachineArn(server.stateMachineArn()).name("orders-enricher-FLINK-1_20").input(input));

            UpgradeDetail baking = await(queries, "orders-enricher-FLINK-1_20",
                    d -> d.progress() != null && d.progress().bake() != null || !d.status().equals("RUNNING"));
            assertThat(baking.status()).isEqualTo("RUNNING");
            assertThat(baking.outcome()).isNull();
            assertThat(baking.progress().step()).isEqualTo("BAKE");
            assertThat(baking.progress().bake().checks()).isPositive();
            assertThat(baking.progress().bake().verdict()).isIn("PENDING", "HEALTHY");
            assertThat(baking.progress().bake().secondsLeft()).isBetween(0L, 240L);
            UpgradePage running = queries.list(ListRequest.fromQuery(Map.of("application", "orders-enricher", "status", "RUNNING")));
            assertThat(running.upgrades()).singleElement().satisfies(upgrade -> {
                assertThat(upgrade.id()).isEqualTo("orders-enricher-FLINK-1_20");
                assertThat(upgrade.toRuntime()).isEqualTo("FLINK-1_20");
                assertThat(upgrade.progress().step()).isIn("BAKE", "UPDATING");
            });

            UpgradeDetail ended = await(queries, "orders-enricher-FLINK-1_20", d -> !d.status().equals("RUNNING"));
            assertThat(ended.status()).isEqualTo("SUCCEEDED");
            assertThat(ended.outcome()).isEqualTo("UPGRADED");
            assertThat(ended.progress()).isNull();
            assertThat(ended.result().path("toRuntime").asText()).isEqualTo("FLINK-1_20");
            assertThat(queries.list(ListRequest.fromQuery(null)).upgrades()).singleElement().satisfies(upgrade -> {
                assertThat(upgrade.status()).isEqualTo(UpgradeStatus.UPGRADED);
                assertThat(upgrade.executionArn()).isEqualTo(ended.executionArn());
                assertThat(upgrade.fromRuntime()).isEqualTo("FLINK-1_15");
                assertThat(upgrade.reasons()).isNotEmpty();
                assertThat(upgrade.finishedAt()).isNotNull();
                assertThat(upgrade.progress()).isNull();
            });
            assertThat(queries.list(ListRequest.fromQuery(Map.of("status", "RUNNING"))).upgrades()).isEmpty();
            assertThatThrownBy(() -> queries.describe("no-such-upgrade")).isInstanceOf(ApiException.class).hasMessageContaining("no-such-upgrade");
        }
    }

    /** A history record as RecordHistory writes it. */
    private static Map<String, AttributeValue> record(String application, String startedAt, String outcome) {
        String name = application + "-" + startedAt.substring(11, 13);
        return Map.of("applicationName", AttributeValue.fromS(application),
                "record", AttributeValue.fromS("UPGRADE#" + startedAt + "#" + name),
                "kind", AttributeValue.fromS("UPGRADE"),
                "executionArn", AttributeValue.fromS("arn:aws:states:us-east-1:000000000000:execution:flink-upgrade:" + name),
                "outcome", AttributeValue.fromS(outcome),
                "startedAt", AttributeValue.fromS(startedAt),
                "finishedAt", AttributeValue.fromS(startedAt),
                "reasons", AttributeValue.fromL(List.of(AttributeValue.fromS("because"))));
    }

    /** A lease item as AcquireLease writes it, expiring at {@code expiresAt}. */
    private static Map<String, AttributeValue> lease(String application, String startedAt, Instant expiresAt) {
        return Map.of("applicationName", AttributeValue.fromS(application),
                "record", AttributeValue.fromS("LEASE"),
                "kind", AttributeValue.fromS("UPGRADE"),
                "holder", AttributeValue.fromS("arn:aws:states:us-east-1:000000000000:execution:flink-upgrade:" + application + "-now"),
                "targetRuntime", AttributeValue.fromS("FLINK-1_20"),
                "startedAt", AttributeValue.fromS(startedAt),
                "expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())),
                "step", AttributeValue.fromS("SNAPSHOT"));
    }

    @Test
    void listings_areNewestFirst_filteredByApplicationAndStatus_pagedByToken_withoutExpiredLeases() throws Exception {
        try (UpgradeServer server = UpgradeServer.start(Scenario.load("healthy-upgrade"), 0, 1, n -> { });
                DynamoDbClient dynamoDb = dynamoDb(server.endpoint());
                SfnClient sfn = sfn(server.endpoint())) {
            UpgradeQueries queries = new UpgradeQueries(dynamoDb, sfn, SCENARIO_TIME, LocalUpgrade.LEASE_TABLE, server.stateMachineArn());
            List<Map<String, AttributeValue>> items = List.of(
                    record("orders", "2025-06-01T01:00:00.000Z", "UPGRADED"),
                    record("payments", "2025-06-01T02:00:00.000Z", "ROLLED_BACK"),
                    record("orders", "2025-06-01T03:00:00.000Z", "FAILED"),
                    record("payments", "2025-06-01T04:00:00.000Z", "UPGRADED"),
                    lease("orders", "2025-06-02T08:00:00.000Z", SCENARIO_TIME.instant().plusSeconds(3600)),
                    lease("payments", "2025-05-01T08:00:00.000Z", SCENARIO_TIME.instant().minusSeconds(1)));
            items.forEach(item -> dynamoDb.putItem(b -> b.tableName(LocalUpgrade.LEASE_TABLE).item(item)));

            assertThat(queries.list(ListRequest.fromQuery(null)).upgrades()).extracting(UpgradeSummary::startedAt).containsExactly(
                    "2025-06-02T08:00:00.000Z", "2025-06-01T04:00:00.000Z", "2025-06-01T03:00:00.000Z",
                    "2025-06-01T02:00:00.000Z", "2025-06-01T01:00:00.000Z");
            assertThat(queries.list(ListRequest.fromQuery(Map.of("application", "orders"))).upgrades())
                    .extracting(UpgradeSummary::status)
                    .containsExactly(UpgradeStatus.RUNNING, UpgradeStatus.FAILED, UpgradeStatus.UPGRADED);
            assertThat(queries.list(ListRequest.fromQuery(Map.of("status", "UPGRADED"))).upgrades())
                    .extracting(UpgradeSummary::applicationName).containsExactly("payments", "orders");
            UpgradeSummary running = queries.list(ListRequest.fromQuery(Map.of("status", "running"))).upgrades().get(0);
            assertThat(running.id()).isEqualTo("orders-now");
            assertThat(running.progress().step()).isEqualTo("SNAPSHOT");

            List<String> paged = new ArrayList<>();
            Optional<String> token = Optional.empty();
            int pages = 0;
            do {
                Map<String, String> query = new java.util.HashMap<>(Map.of("limit", "2"));
                token.ifPresent(t -> query.put("nextToken", t));
                UpgradePage page = queries.list(ListRequest.fromQuery(query));
                page.upgrades().forEach(u -> paged.add(u.startedAt()));
                token = Optional.ofNullable(page.nextToken());
                pages++;
            } while (token.isPresent());
            assertThat(paged).hasSize(5).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            assertThat(pages).isEqualTo(3);
        }
    }
}
