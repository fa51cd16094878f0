package io.flinkupgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The lease table's items as the ASL writes them (TakeLease, RecordBakeProgress, RecordHistory), decoded. */
class UpgradeRecordTest {
    private static final String ARN = "arn:aws:states:us-east-1:000000000000:execution:flink-upgrade:orders-FLINK-1_20";

    @Test
    void aLeaseItem_isTheRunningUpgrade_withItsRecordedStepAndBake() {
        UpgradeRecord lease = UpgradeRecord.of(item(
                "applicationName", s("orders"), "record", s("LEASE"), "kind", s("UPGRADE"), "holder", s(ARN),
                "fromRuntime", s("FLINK-1_15"), "targetRuntime", s("FLINK-1_20"), "startedAt", s("2025-06-01T10:00:00Z"),
                "expiresAt", n("1748779200"), "step", s("BAKE"), "stepStartedAt", s("2025-06-01T10:05:00Z"),
                "bake", AttributeValue.fromM(Map.of("checks", n("3"), "verdict", s("PENDING"),
                        "reasons", AttributeValue.fromL(List.of(s("uptime 120 s of 600 s"))), "checkedAt", s("2025-06-01T10:08:00Z"),
                        "secondsLeft", n("420")))));

        assertThat(lease.running()).isTrue();
        assertThat(lease.executionName()).isEqualTo("orders-FLINK-1_20");
        assertThat(lease.toRuntime()).isEqualTo("FLINK-1_20");
        assertThat(lease.step()).isEqualTo("BAKE");
        assertThat(lease.bake()).contains(new UpgradeRecord.Bake(3, "PENDING", List.of("uptime 120 s of 600 s"), "2025-06-01T10:08:00Z", 420));
    }

    @Test
    void aHistoryRecord_isTheEndedUpgrade_withItsOutcomeAndReasons() {
        UpgradeRecord record = UpgradeRecord.of(item(
                "applicationName", s("orders"), "record", s("UPGRADE#2025-06-01T10:00:00Z#orders-FLINK-1_20"), "kind", s("UPGRADE"),
                "executionArn", s(ARN), "outcome", s("ROLLED_BACK"), "fromRuntime", s("FLINK-1_15"), "toRuntime", s("FLINK-1_20"),
                "startedAt", s("2025-06-01T10:00:00Z"), "finishedAt", s("2025-06-01T10:20:00Z"), "snapshotName", s("pre-upgrade"),
                "reasons", AttributeValue.fromL(List.of(s("job restarted 4 times"), s("rolled back to FLINK-1_15")))));

        assertThat(record.running()).isFalse();
        assertThat(record.status()).isEqualTo("ROLLED_BACK");
        assertThat(record.firstReason()).isEqualTo("job restarted 4 times");
        assertThat(record.snapshotName()).isEqualTo("pre-upgrade");
        assertThat(record.bake()).isEmpty();
    }

    private static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> item = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            item.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return item;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
