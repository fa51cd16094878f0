/**
 * The manual step of a FAILED outcome, computed from the application as it is when the workflow
 * ends (a fresh DescribeApplication and ListApplicationSnapshots), never from what the workflow
 * assumed: {@link io.flinkupgrade.outcome.ManualStepService} reads, and
 * {@link io.flinkupgrade.outcome.ManualStepAdvisor} decides, pure. Every FAILED outcome state of
 * the ASL goes through the AdviseManualStep task; if that task fails, the state's own static step,
 * written to hold whatever the application's state, stands.
 */
package io.flinkupgrade.outcome;
