/**
 * The operator CLI: each command is one class ({@code StartCommand}, {@code WatchCommand}, ...) over the
 * SDK clients {@code AwsOptions} builds; {@code UpgradeProgress} reads where an upgrade stands from its
 * execution and history, pure; {@code ProgressText} shows it. An upgrade is one Step Functions execution,
 * named as the API names it ({@code ExecutionNames}).
 */
package io.flinkupgrade.cli;
