/**
 * What an operator reads and charts: one JSON line per task decision through Powertools for AWS
 * Lambda (Java) and Log4j, keyed by execution, state, application and outcome ({@link
 * io.flinkupgrade.observe.TaskLog}), and the workflow's metrics in Embedded Metric Format ({@link
 * io.flinkupgrade.observe.UpgradeMetrics}), among them the outcome counted by the RecordOutcome task.
 */
package io.flinkupgrade.observe;
