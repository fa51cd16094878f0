package io.flinkupgrade.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flinkupgrade.emulator.dynamodb.DynamoDbException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault plan's decisions on their own: when a fault is armed, how often it fires, what it throws. */
class FaultPlanTest {
    private static final Instant START = Instant.parse("2025-06-02T09:00:00Z");

    private final Map<ScenarioSpec.AlarmAnchor, Instant> anchors = new EnumMap<>(Map.of(ScenarioSpec.AlarmAnchor.START, START));
    private Instant now = START;

    private FaultPlan plan(ScenarioSpec.FaultSpec... faults) {
        return new FaultPlan(List.of(faults), anchors::get, () -> now);
    }

    private static ScenarioSpec.FaultSpec fault(FaultType type, String operation, Integer times) {
        return new ScenarioSpec.FaultSpec(type, operation, times, null, null, null, null);
    }

    @Test
    void aFault_firesAtMostItsTimes_andOnlyForItsOperation() {
        FaultPlan plan = plan(fault(FaultType.THROTTLE, "UpdateApplication", 2));

        plan.refuse(Service.KINESIS_ANALYTICS_V2, "DescribeApplication");
        assertThatThrownBy(() -> plan.refuse(Service.KINESIS_ANALYTICS_V2, "UpdateApplication"))
                .isInstanceOfSatisfying(EmulatorException.class, e -> assertThat(e.code()).isEqualTo("ThrottlingException"));
        assertThatThrownBy(() -> plan.refuse(Service.KINESIS_ANALYTICS_V2, "UpdateApplication")).isInstanceOf(EmulatorException.class);
        plan.refuse(Service.KINESIS_ANALYTICS_V2, "UpdateApplication");
    }

    @Test
    void requestLevelErrors_useEachServicesCommonCodes() {
        FaultPlan plan = plan(fault(FaultType.THROTTLE, null, 1), fault(FaultType.SERVER_ERROR, null, 1));

        EmulatorException throttled = catchThrowableOfType(() -> plan.refuse(Service.CLOUDWATCH, "GetMetricData"),
                EmulatorException.class);
        EmulatorException unavailable = catchThrowableOfType(() -> plan.refuse(Service.CLOUDWATCH, "GetMetricData"),
                EmulatorException.class);

        assertThat(throttled.code()).isEqualTo("Throttling");
        assertThat(unavailable.code()).isEqualTo("InternalServiceError");
        assertThat(unavailable.httpStatus()).isEqualTo(500);
    }

    @Test
    void aFaultAnchoredOnTheFirstUpdate_isArmedOnlyItsOffsetAfterIt() {
        FaultPlan plan = plan(new ScenarioSpec.FaultSpec(FaultType.LATENCY, "DescribeApplication", 5, 30L, null,
                ScenarioSpec.AlarmAnchor.FIRST_UPDATE, 60L));

        assertThat(plan.latency("DescribeApplication")).as("before any update").isEmpty();
        anchors.put(ScenarioSpec.AlarmAnchor.FIRST_UPDATE, START.plusSeconds(100));
        now = START.plusSeconds(159);
        assertThat(plan.latency("DescribeApplication")).as("59 s after the update").isEmpty();
        now = START.plusSeconds(160);
        assertThat(plan.latency("DescribeApplication")).contains(Duration.ofSeconds(30));
    }

    @Test
    void dynamoDbFaults_fireOnlyWhereTheScenarioNamesTheDynamoDbOperation() {
        FaultPlan plan = plan(fault(FaultType.THROTTLE, null, 5), fault(FaultType.THROTTLE, "PutItem", 1));

        plan.refuseDynamoDb("GetItem");
        DynamoDbException throttled = catchThrowableOfType(() -> plan.refuseDynamoDb("PutItem"), DynamoDbException.class);

        assertThat(throttled.code()).isEqualTo("ProvisionedThroughputExceededException");
        plan.refuseDynamoDb("PutItem");
    }

    @Test
    void anUpdate_isStuckOrFailsOnlyAsThePlanSays() {
        FaultPlan plan = plan(fault(FaultType.UPDATE_FAILS, null, 1));

        assertThat(plan.updateOutcome()).isEqualTo(FaultType.UPDATE_FAILS);
        assertThat(plan.updateOutcome()).isNull();
    }
}
