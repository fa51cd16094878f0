/**
 * The report Lambda: when an upgrade execution ends, an EventBridge rule hands its "Step Functions
 * Execution Status Change" event to {@link io.flinkupgrade.report.publish.ReportHandler}, which reads
 * the execution's history through a {@link io.flinkupgrade.report.publish.HistorySource} (in AWS
 * {@link io.flinkupgrade.report.publish.StepFunctionsHistory}, GetExecutionHistory; locally the
 * engine's), draws the report and writes it to the reports bucket at the
 * {@link io.flinkupgrade.report.publish.ReportLocation} the workflow already put in the outcome.
 */
package io.flinkupgrade.report.publish;
