package io.flinkupgrade.report.publish;

import io.flinkupgrade.report.ExecutionEvent;
import java.util.List;

/** Where an ended execution's history comes from: Step Functions in AWS, the local engine locally. */
@FunctionalInterface
public interface HistorySource {
    /** The execution's state entries and exits, oldest first, with each exit's output. */
    List<ExecutionEvent> history(String executionArn);
}
