package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** EventBridge Scheduler schedules: expression, time zone, window, target, role, dead-letter queue and input. */
class SchedulesStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The schedules' dead-letter queue (the report rule has its own). */
    private static String schedulesQueue() {
        return TestStacks.template().findResources("AWS::SQS::Queue").keySet().stream()
                .filter(id -> id.startsWith("SchedulesDeadLetterQueue")).findFirst().orElseThrow();
    }

    private static Map<?, ?> target(String scheduleName) {
        String id = TestStacks.logicalId("AWS::Scheduler::Schedule", Map.of("Name", scheduleName));
        return (Map<?, ?>) TestStacks.properties(id).get("Target");
    }

    @Test
    void schedules_oneForEachConfiguredWindow_withExpressionTimezoneAndFlexibleWindow() {
        TestStacks.template().resourceCountIs("AWS::Scheduler::Schedule", 3);
        TestStacks.template().hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "flink-upgrade-orders-enricher-sunday",
                "ScheduleExpression", "cron(0 3 ? * SUN *)",
                "ScheduleExpressionTimezone", "Europe/London",
                "FlexibleTimeWindow", Map.of("Mode", "FLEXIBLE", "MaximumWindowInMinutes", 30),
                "State", "ENABLED"));
        TestStacks.template().hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "Name", "flink-upgrade-payments-once",
                "ScheduleExpression", "at(2027-01-10T02:00:00)",
                "ScheduleExpressionTimezone", "UTC",
                "FlexibleTimeWindow", Map.of("Mode", "OFF")));
    }

    @Test
    void scheduleTarget_startsTheStateMachineWithTheRequest_throughTheDedicatedRole_withDeadLetterQueueAndRetries() throws IOException {
        String stateMachine = TestStacks.upgradeStateMachineId();
        String queue = schedulesQueue();
        Map<?, ?> target = target("flink-upgrade-orders-enricher-sunday");
        assertThat(target.get("Arn")).isEqualTo(Map.of("Ref", stateMachine));
        assertThat(TestStacks.roleOf(target.get("RoleArn"))).isEqualTo(schedulesRole());
        assertThat(target.get("DeadLetterConfig")).isEqualTo(Map.of("Arn", Map.of("Fn::GetAtt", List.of(queue, "Arn"))));
        assertThat(target.get("RetryPolicy")).isEqualTo(Map.of("MaximumRetryAttempts", 3, "MaximumEventAgeInSeconds", 3600));
        Object configured = ((List<?>) TestStacks.context().get("schedules")).get(0);
        assertThat(JSON.readTree((String) target.get("Input"))).isEqualTo(JSON.valueToTree(((Map<?, ?>) configured).get("input")));
    }

    private static String schedulesRole() {
        return TestStacks.logicalId("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Map.of("Version", "2012-10-17",
                "Statement", List.of(Map.of("Action", "sts:AssumeRole", "Effect", "Allow",
                        "Principal", Map.of("Service", "scheduler.amazonaws.com"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))));
    }

    @Test
    void aFleetSchedule_startsTheFleetStateMachineWithItsRequest() throws IOException {
        Map<?, ?> target = target("flink-upgrade-payments-fleet");
        assertThat(target.get("Arn")).isEqualTo(Map.of("Ref", TestStacks.fleetStateMachineId()));
        Object configured = ((List<?>) TestStacks.context().get("schedules")).get(2);
        assertThat(JSON.readTree((String) target.get("Input"))).isEqualTo(JSON.valueToTree(((Map<?, ?>) configured).get("input")));
    }

    @Test
    void schedulesRole_mayOnlyStartTheStateMachinesItsSchedulesTargetAndReportToItsDeadLetterQueue() {
        assertThat(TestStacks.statementsOfRole(schedulesRole()).stream().map(TestStacks::grant).toList())
                .containsExactlyInAnyOrder(
                        Map.of("Action", List.of("states:StartExecution"),
                                "Resource", List.of(Map.of("Ref", TestStacks.upgradeStateMachineId()))),
                        Map.of("Action", List.of("states:StartExecution"),
                                "Resource", List.of(Map.of("Ref", TestStacks.fleetStateMachineId()))),
                        Map.of("Action", List.of("sqs:SendMessage"),
                                "Resource", List.of(Map.of("Fn::GetAtt", List.of(schedulesQueue(), "Arn")))));
    }

    @Test
    void deadLetterQueue_isEncryptedAndSslOnly() {
        String queue = schedulesQueue();
        assertThat(TestStacks.properties(queue)).containsEntry("SqsManagedSseEnabled", true);
        assertThat(TestStacks.template().findResources("AWS::SQS::QueuePolicy").values().toString())
                .contains("aws:SecureTransport=false").contains("Deny");
    }
}
