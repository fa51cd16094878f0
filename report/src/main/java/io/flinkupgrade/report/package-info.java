/**
 * The upgrade report: one self-contained HTML file that shows why an upgrade ended as it did.
 *
 * <p>{@link io.flinkupgrade.report.ReportGatherer} builds an {@link io.flinkupgrade.report.UpgradeReport}
 * from what the workflow itself recorded, never from an emulator's internals: the outcome document, and
 * the execution history's state entries and exits (the timeline; Preflight's plan with the health
 * options and the pre-upgrade baseline; every CheckHealth and CheckRollbackHealth verdict with the
 * numbers it judged, its {@code observed} map). The local engine's history and Step Functions'
 * GetExecutionHistory both map onto {@link io.flinkupgrade.report.ExecutionEvent}, so the same report
 * can be drawn for a local run or for an execution in AWS.
 *
 * <p>{@link io.flinkupgrade.report.ReportRenderer} turns the plain record into HTML: charts drawn by
 * XChart as PNG and inlined as data URIs, inline CSS, no script and no network.
 */
package io.flinkupgrade.report;
