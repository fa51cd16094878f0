package io.flinkupgrade.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The lease table's reads the commands share: the upgrades newest first, and one application's lease.
 *
 * <p>Every lease item and history record carries {@code kind = "UPGRADE"} and {@code startedAt}, which put
 * them in two sparse indexes sorted by start: {@value #BY_APPLICATION} (partition {@code applicationName})
 * and {@value #BY_START} (partition {@code kind}). A Query on one, backwards, lists newest first; the status
 * is a FilterExpression, so the paginator reads on until enough have matched. An expired lease is left out
 * (its holder cannot be running any more; DynamoDB's TTL deletes it within days).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-indexes-general-sparse-indexes.html
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.FilterExpression.html
 */
final class UpgradeRecords {
    static final String BY_START = "byStart";
    static final String BY_APPLICATION = "byApplication";

    private final DynamoDbClient dynamoDb;
    private final String tableName;
    private final Optional<Instant> now;

    /**
     * @param now what expired leases are judged against: the wall clock in AWS; none for a local serve, whose
     *     paced virtual clock the CLI cannot read (it releases every lease as its execution ends, so none is stale)
     */
    UpgradeRecords(DynamoDbClient dynamoDb, String tableName, Optional<Instant> now) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
        this.now = now;
    }

    /**
     * Upgrades newest first, of one application or all, RUNNING or of one outcome or any, at most {@code limit}.
     * Between RecordHistory and ReleaseLease an upgrade has both items: its record wins.
     */
    List<UpgradeRecord> list(Optional<String> application, Optional<String> status, int limit) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#partition", application.isPresent() ? "applicationName" : "kind");
        values.put(":partition", AttributeValue.fromS(application.orElse("UPGRADE")));
        List<String> conditions = new ArrayList<>();
        now.ifPresent(instant -> {
            names.put("#holder", "holder");
            names.put("#expiresAt", "expiresAt");
            values.put(":now", AttributeValue.fromN(Long.toString(instant.getEpochSecond())));
            conditions.add("(attribute_not_exists(#holder) OR #expiresAt > :now)");
        });
        if (status.isPresent()) {
            boolean running = status.get().equals(UpgradeRecord.RUNNING);
            names.put(running ? "#record" : "#outcome", running ? "record" : "outcome");
            values.put(":status", AttributeValue.fromS(running ? UpgradeRecord.LEASE_RECORD : status.get()));
            conditions.add(running ? "#record = :status" : "#outcome = :status");
        }
        String filter = conditions.isEmpty() ? null : String.join(" AND ", conditions);
        Map<String, UpgradeRecord> upgrades = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : dynamoDb.queryPaginator(r -> r.tableName(tableName)
                .indexName(application.isPresent() ? BY_APPLICATION : BY_START)
                .keyConditionExpression("#partition = :partition")
                .filterExpression(filter)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false)).items()) {
            UpgradeRecord upgrade = UpgradeRecord.of(item);
            upgrades.merge(upgrade.executionArn(), upgrade, (first, second) -> first.running() ? second : first);
            // One more than asked: the other item of the last upgrade may come next.
            if (upgrades.size() > limit) {
                break;
            }
        }
        return upgrades.values().stream().limit(limit).toList();
    }

    /** The application's lease item, read strongly consistent: the upgrade running now, with its recorded progress. */
    Optional<UpgradeRecord> lease(String applicationName) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(tableName).consistentRead(true).key(Map.of(
                "applicationName", AttributeValue.fromS(applicationName),
                "record", AttributeValue.fromS(UpgradeRecord.LEASE_RECORD)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(UpgradeRecord.of(item));
    }
}
