package io.flinkupgrade.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alarms on executions that ended badly. The workflow notifies on its own outcomes; these catch the
 * cases it cannot report itself (a timeout, an abort, a failure in the notify path).
 */
final class Alarms extends Construct {
    private final List<String> alarmArns = new ArrayList<>();

    Alarms(Construct scope, String id, StateMachine stateMachine, ITopic topic) {
        super(scope, id);
        MetricOptions window = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        SnsAction notify = new SnsAction(topic);
        alarm("ExecutionsFailed", stateMachine.metricFailed(window), notify);
        alarm("ExecutionsTimedOut", stateMachine.metricTimedOut(window), notify);
        alarm("ExecutionsAborted", stateMachine.metricAborted(window), notify);
    }

    /**
     * The alarms' ARNs, built from their fixed names rather than read from the alarms: the topic key's
     * policy names them, and a reference to an alarm there would make key, topic and alarm a cycle.
     */
    List<String> alarmArns() {
        return List.copyOf(alarmArns);
    }

    private void alarm(String metricName, Metric metric, SnsAction notify) {
        String alarmName = UpgradeWorkflow.STATE_MACHINE_NAME + "-" + metricName;
        alarmArns.add(Stack.of(this).formatArn(ArnComponents.builder().service("cloudwatch").resource("alarm")
                .resourceName(alarmName).arnFormat(ArnFormat.COLON_RESOURCE_NAME).build()));
        Alarm.Builder.create(this, metricName)
                .alarmName(alarmName)
                .alarmDescription("An upgrade execution of " + UpgradeWorkflow.STATE_MACHINE_NAME + " counted in " + metricName
                        + "; open it in the Step Functions console for its outcome and the manual step")
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()
                .addAlarmAction(notify);
    }
}
