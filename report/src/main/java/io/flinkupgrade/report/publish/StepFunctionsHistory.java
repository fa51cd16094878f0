package io.flinkupgrade.report.publish;

import io.flinkupgrade.report.ExecutionEvent;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * An execution's history from Step Functions: GetExecutionHistory, every page, with its execution data
 * (the states' outputs). Every {@code <Type>StateEntered} event becomes a state entry and every
 * {@code <Type>StateExited} event a state exit with its output.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
public final class StepFunctionsHistory implements HistorySource {
    private final SfnClient sfn;

    public StepFunctionsHistory(SfnClient sfn) {
        this.sfn = sfn;
    }

    @Override
    public List<ExecutionEvent> history(String executionArn) {
        List<ExecutionEvent> events = new ArrayList<>();
        // The paginator follows nextToken; a page holds at most 1000 events.
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn).includeExecutionData(true).maxResults(1000))
                .events()
                .forEach(event -> map(event, events));
        return events;
    }

    private static void map(HistoryEvent event, List<ExecutionEvent> events) {
        if (event.stateEnteredEventDetails() != null) {
            events.add(ExecutionEvent.entered(event.timestamp(), event.stateEnteredEventDetails().name()));
        } else if (event.stateExitedEventDetails() != null && event.typeAsString().endsWith("StateExited")) {
            // A stopped execution's <Type>StateAborted events carry stateExitedEventDetails too, without an output.
            events.add(ExecutionEvent.exited(event.timestamp(), event.stateExitedEventDetails().name(),
                    event.stateExitedEventDetails().output()));
        }
    }
}
