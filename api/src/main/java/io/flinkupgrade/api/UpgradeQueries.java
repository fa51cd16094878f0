package io.flinkupgrade.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;

/**
 * Answers the read routes from the lease table and Step Functions.
 *
 * <p>Listing: every lease item (a running upgrade) and history record (a finished one) carries
 * {@code kind = "UPGRADE"} and {@code startedAt}, which put them in two sparse global secondary indexes,
 * both sorted by start time: {@value #BY_APPLICATION} (partition {@code applicationName}) answers
 * {@code ?application=} with one Query, {@value #BY_START} (partition {@code kind}, one constant value)
 * answers the listing of every application with one Query, newest first. A single partition for all
 * upgrades is a hot key only at thousands of writes a second; upgrades are written a few times a minute
 * at most. The status filter is a FilterExpression, so a page may come back short; expired leases (their
 * holder cannot be running any more, DynamoDB's TTL deletes them within days) are filtered out as well.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html
 */
public final class UpgradeQueries {
    static final String BY_START = "byStart";
    static final String BY_APPLICATION = "byApplication";
    static final String LEASE_RECORD = "LEASE";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamoDb;
    private final SfnClient stepFunctions;
    private final Clock clock;
    private final String tableName;
    private final String stateMachineArn;

    public UpgradeQueries(DynamoDbClient dynamoDb, SfnClient stepFunctions, Clock clock, String tableName, String stateMachineArn) {
        this.dynamoDb = dynamoDb;
        this.stepFunctions = stepFunctions;
        this.clock = clock;
        this.tableName = tableName;
        this.stateMachineArn = stateMachineArn;
    }

    /** {@code GET /upgrades}: one Query on the index that fits the request. */
    public UpgradePage list(ListRequest request) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#partition", request.application().isPresent() ? "applicationName" : "kind");
        values.put(":partition", AttributeValue.fromS(request.application().orElse("UPGRADE")));
        names.put("#holder", "holder");
        names.put("#expiresAt", "expiresAt");
        values.put(":now", AttributeValue.fromN(Long.toString(clock.instant().getEpochSecond())));
        String filter = "(attribute_not_exists(#holder) OR #expiresAt > :now)";
        if (request.status().isPresent()) {
            UpgradeStatus status = request.status().get();
            if (status == UpgradeStatus.RUNNING) {
                names.put("#record", "record");
                values.put(":status", AttributeValue.fromS(LEASE_RECORD));
                filter += " AND #record = :status";
            } else {
                names.put("#outcome", "outcome");
                values.put(":status", AttributeValue.fromS(status.name()));
                filter += " AND #outcome = :status";
            }
        }
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tableName)
                .indexName(request.application().isPresent() ? BY_APPLICATION : BY_START)
                .keyConditionExpression("#partition = :partition")
                .filterExpression(filter)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)
                .limit(request.limit());
        request.nextToken().map(PageToken::decode).ifPresent(query::exclusiveStartKey);
        QueryResponse response;
        try {
            response = dynamoDb.query(query.build());
        } catch (DynamoDbException e) {
            if (request.nextToken().isPresent() && e.statusCode() == 400) {
                // INFERRED: DynamoDB answers a start key that does not fit the index with a ValidationException.
                throw ApiException.badRequest("nextToken: not a token of this listing (" + e.awsErrorDetails().errorMessage() + ")");
            }
            throw e;
        }
        // Between RecordHistory and ReleaseLease an upgrade has both items (same startedAt, in either order): the record wins.
        Map<String, UpgradeSummary> upgrades = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : response.items()) {
            UpgradeSummary summary = summary(item);
            upgrades.merge(summary.executionArn(), summary, (first, second) -> first.status() == UpgradeStatus.RUNNING ? second : first);
        }
        return new UpgradePage(List.copyOf(upgrades.values()), response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? PageToken.encode(response.lastEvaluatedKey()) : null);
    }

    /** {@code GET /upgrades/{id}}: DescribeExecution, and while it runs the progress on its application's lease. */
    public UpgradeDetail describe(String id) {
        if (id == null || id.isEmpty() || id.length() > 80 || id.contains(":")) {
            throw ApiException.notFound("No upgrade with this id: " + id);
        }
        String executionArn = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + id;
        DescribeExecutionResponse execution;
        try {
            execution = stepFunctions.describeExecution(b -> b.executionArn(executionArn));
        } catch (ExecutionDoesNotExistException | InvalidArnException e) {
            throw ApiException.notFound("No upgrade with this id: " + id);
        }
        JsonNode input = parse(execution.input());
        String applicationName = input.path("applicationName").isTextual() ? input.path("applicationName").asText() : null;
        String status = execution.statusAsString();
        JsonNode outcome = switch (status) {
            case "SUCCEEDED" -> parse(execution.output());
            case "FAILED" -> "FlinkUpgrade.Failed".equals(execution.error()) ? parse(execution.cause()) : null;
            default -> null;
        };
        Progress progress = null;
        if (status.equals("RUNNING") && applicationName != null) {
            progress = lease(applicationName).filter(item -> executionArn.equals(text(item, "holder")))
                    .map(UpgradeQueries::progress).orElse(null);
        }
        String outcomeName;
        List<String> reasons = new ArrayList<>();
        if (outcome != null && outcome.isObject()) {
            outcomeName = outcome.path("outcome").asText(null);
            outcome.path("reasons").forEach(reason -> reasons.add(reason.asText()));
            applicationName = outcome.path("applicationName").isTextual() ? outcome.path("applicationName").asText() : applicationName;
        } else if (status.equals("RUNNING") || status.equals("PENDING_REDRIVE")) {
            outcomeName = null;
        } else {
            outcomeName = "FAILED";
            reasons.add(status + " " + Optional.ofNullable(execution.error()).orElse("") + ": " + Optional.ofNullable(execution.cause()).orElse(""));
        }
        return new UpgradeDetail(id, executionArn, status, iso(execution.startDate()), iso(execution.stopDate()), applicationName,
                outcomeName, reasons, outcome, progress);
    }

    private Optional<Map<String, AttributeValue>> lease(String applicationName) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true).key(Map.of(
                "applicationName", AttributeValue.fromS(applicationName), "record", AttributeValue.fromS(LEASE_RECORD)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static UpgradeSummary summary(Map<String, AttributeValue> item) {
        boolean running = LEASE_RECORD.equals(text(item, "record"));
        String executionArn = running ? text(item, "holder") : text(item, "executionArn");
        String id = executionArn == null ? null : executionArn.substring(executionArn.lastIndexOf(':') + 1);
        return new UpgradeSummary(id, executionArn, text(item, "applicationName"),
                running ? UpgradeStatus.RUNNING : UpgradeStatus.parse(text(item, "outcome")),
                text(item, "fromRuntime"), running ? text(item, "targetRuntime") : text(item, "toRuntime"),
                text(item, "startedAt"), text(item, "finishedAt"), strings(item.get("reasons")), text(item, "snapshotName"),
                running ? progress(item) : null);
    }

    private static Progress progress(Map<String, AttributeValue> lease) {
        AttributeValue bake = lease.get("bake");
        BakeProgress bakeProgress = null;
        if (bake != null && bake.hasM()) {
            Map<String, AttributeValue> m = bake.m();
            bakeProgress = new BakeProgress(number(m, "checks"), text(m, "verdict"), strings(m.get("reasons")), text(m, "checkedAt"),
                    number(m, "secondsLeft"));
        }
        return new Progress(text(lease, "step"), text(lease, "stepStartedAt"), bakeProgress);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static int number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }

    private static List<String> strings(AttributeValue list) {
        return list == null || !list.hasL() ? List.of() : list.l().stream().map(AttributeValue::s).toList();
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
