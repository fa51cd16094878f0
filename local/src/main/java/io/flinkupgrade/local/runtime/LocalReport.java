package io.flinkupgrade.local.runtime;

import io.flinkupgrade.engine.HistoryEvent;
import io.flinkupgrade.engine.HistoryEventType;
import io.flinkupgrade.report.ExecutionEvent;
import io.flinkupgrade.report.ReportGatherer;
import io.flinkupgrade.report.ReportRenderer;
import io.flinkupgrade.report.UpgradeReport;
import java.util.List;

/**
 * The upgrade report of a local run, from the engine's history as Step Functions would record it:
 * the same gathering and rendering an execution in AWS gets from GetExecutionHistory.
 */
public final class LocalReport {
    private LocalReport() {}

    public static UpgradeReport of(LocalUpgrade.Result result) {
        return ReportGatherer.gather(result.outcome(), events(result.execution().history()));
    }

    public static String html(LocalUpgrade.Result result) {
        return ReportRenderer.render(of(result));
    }

    /** The state entries and exits; the engine's STATE_EXITED detail is the state's output, as in AWS. */
    static List<ExecutionEvent> events(List<HistoryEvent> history) {
        return history.stream()
                .<ExecutionEvent>mapMulti((event, events) -> {
                    if (event.type() == HistoryEventType.STATE_ENTERED) {
                        events.accept(ExecutionEvent.entered(event.timestamp(), event.stateName()));
                    } else if (event.type() == HistoryEventType.STATE_EXITED) {
                        events.accept(ExecutionEvent.exited(event.timestamp(), event.stateName(), event.detail()));
                    }
                })
                .toList();
    }
}
