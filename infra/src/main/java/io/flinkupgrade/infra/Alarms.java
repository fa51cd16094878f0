package io.flinkupgrade.infra;

import software.amazon.awscdk.Duration;
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
    Alarms(Construct scope, String id, StateMachine stateMachine, ITopic topic) {
        super(scope, id);
        MetricOptions window = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        SnsAction notify = new SnsAction(topic);
        alarm("ExecutionsFailed", stateMachine.metricFailed(window), notify);
        alarm("ExecutionsTimedOut", stateMachine.metricTimedOut(window), notify);
        alarm("ExecutionsAborted", stateMachine.metricAborted(window), notify);
    }

    private void alarm(String metricName, Metric metric, SnsAction notify) {
        Alarm.Builder.create(this, metricName)
                .alarmName(UpgradeWorkflow.STATE_MACHINE_NAME + "-" + metricName)
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
