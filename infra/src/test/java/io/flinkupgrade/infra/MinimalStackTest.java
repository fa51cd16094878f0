package io.flinkupgrade.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The stack with only the required configuration: no API, no schedules, no e-mail. */
class MinimalStackTest {
    private static Template template;

    @BeforeAll
    static void synthesise() {
        App app = new App();
        UpgradeStackConfig config = new UpgradeStackConfig(List.of(TestStacks.EXACT_ARN), List.of(), List.of(), false);
        template = Template.fromStack(new UpgradeStack(app, "Minimal", StackProps.builder().build(), config, TestStacks.layout()));
    }

    @Test
    void withoutApiOrSchedules_onlyTheWorkflowsTheirTasksAndBucketsNotificationsLeaseReportsAndDashboardAreDeployed() {
        template.resourceCountIs("AWS::ApiGateway::RestApi", 0);
        template.resourceCountIs("AWS::Scheduler::Schedule", 0);
        // The report rule's dead-letter queue only.
        template.resourceCountIs("AWS::SQS::Queue", 1);
        template.resourceCountIs("AWS::SNS::Subscription", 0);
        // The upgrade, its lease cleanup and the fleet.
        template.resourceCountIs("AWS::StepFunctions::StateMachine", 3);
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        assertThat(template.findOutputs("*").keySet())
                .containsExactlyInAnyOrder("StateMachineArn", "FleetStateMachineArn", "FleetBucketName", "NotificationTopicArn", "EventBusName", "LeaseTableName",
                        "DashboardUrl", "ReportBucketName");
    }

    @Test
    void withOnlyExactArns_tasksGetThoseArnsOnly() {
        template.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Version", "2012-10-17",
                "Statement", List.of(
                        Map.of("Action", "kinesisanalytics:DescribeApplicationSnapshot", "Effect", "Allow", "Resource", TestStacks.EXACT_ARN),
                        Map.of("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"), "Effect", "Allow",
                                "Resource", Match.anyValue()),
                        Map.of("Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), "Effect", "Allow", "Resource", "*")))));
    }
}
