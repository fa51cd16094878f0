package io.flinkupgrade.cli;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** The Step Functions reads the commands share. */
final class Executions {
    private Executions() {}

    /**
     * The execution a name or an ARN names: an ARN as it is; a name, the upgrade's of that name, else the fleet's (the
     * names differ: {@code <application>-<targetRuntime>} and {@code fleet-<targetRuntime>}).
     */
    static DescribeExecutionResponse describe(AwsOptions aws, String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            return aws.sfn().describeExecution(r -> r.executionArn(nameOrArn));
        }
        try {
            return aws.sfn().describeExecution(r -> r.executionArn(ExecutionNames.arn(aws.stateMachineArn(), nameOrArn)));
        } catch (ExecutionDoesNotExistException notAnUpgrade) {
            try {
                return aws.sfn().describeExecution(r -> r.executionArn(ExecutionNames.arn(aws.fleetStateMachineArn(), nameOrArn)));
            } catch (ExecutionDoesNotExistException notAFleet) {
                throw notAnUpgrade;
            }
        }
    }

    /** An execution and its whole history, oldest event first. */
    static UpgradeProgress progress(SfnClient sfn, String executionArn) {
        DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
        List<HistoryEvent> history = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).maxResults(1000)).events().forEach(history::add);
        return UpgradeProgress.of(execution, history);
    }

    /** The state machine's executions, newest first, of one status or all, at most {@code max}. */
    static List<ExecutionListItem> list(SfnClient sfn, String stateMachineArn, String status, int max) {
        return sfn.listExecutionsPaginator(r -> r.stateMachineArn(stateMachineArn).statusFilter(status))
                .executions().stream().limit(max).toList();
    }
}
