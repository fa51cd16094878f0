package io.flinkupgrade.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.flinkupgrade.wiring.Workflow;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.ServicePrincipalOpts;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.TimeWindow;
import software.amazon.awscdk.services.scheduler.targets.StepFunctionsStartExecution;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.constructs.Construct;

/** EventBridge Scheduler schedules that start upgrades in maintenance windows, with one narrow role and a dead-letter queue. */
final class Schedules extends Construct {
    static final String NAME_PREFIX = "flink-upgrade-";
    // A start that fails this often or this late is better reported (DLQ) than started outside its window.
    static final int RETRY_ATTEMPTS = 3;
    static final Duration MAX_EVENT_AGE = Duration.hours(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    Schedules(Construct scope, String id, Map<Workflow, IStateMachine> stateMachines, List<ScheduleConfig> schedules) {
        super(scope, id);
        Queue deadLetters = Queue.Builder.create(this, "DeadLetterQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com", ServicePrincipalOpts.builder()
                        .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                        .build()))
                .description("flink-upgrade schedules: start the upgrade (and fleet) state machine, report failed starts to the dead-letter queue")
                .build();
        for (ScheduleConfig config : schedules) {
            TimeWindow window = config.flexibleWindowMinutes() == 0
                    ? TimeWindow.off()
                    : TimeWindow.flexible(Duration.minutes(config.flexibleWindowMinutes()));
            Schedule.Builder.create(this, config.name())
                    .scheduleName(NAME_PREFIX + config.name())
                    .description("flink-upgrade: " + (config.workflow() == Workflow.FLEET ? "fleet" : config.input().path("applicationName").asText())
                            + " to " + config.input().path("targetRuntime").asText())
                    .schedule(ScheduleExpression.expression(config.expression(), TimeZone.of(config.timezone())))
                    .timeWindow(window)
                    .target(StepFunctionsStartExecution.Builder.create(stateMachines.get(config.workflow()))
                            .input(ScheduleTargetInput.fromText(json(config)))
                            .role(role)
                            .deadLetterQueue(deadLetters)
                            .retryAttempts(RETRY_ATTEMPTS)
                            .maxEventAge(MAX_EVENT_AGE)
                            .build())
                    .build();
        }
        NagSuppressions.addResourceSuppressions(deadLetters, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is itself the dead-letter queue of the schedules (their Target.DeadLetterConfig); "
                        + "cdk-nag only recognises dead-letter queues named in another queue's RedrivePolicy")
                .build()));
    }

    private static String json(ScheduleConfig config) {
        try {
            return JSON.writeValueAsString(config.input());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the input of schedule " + config.name(), e);
        }
    }
}
