/**
 * The Lambda behind the API's read routes, {@code GET /upgrades} and {@code GET /upgrades/{id}}: typed
 * request, {@link io.flinkupgrade.api.UpgradeQueries} with injected DynamoDB and Step Functions clients
 * and a clock, typed response. It reads the lease table (the running upgrades' lease items with their
 * progress, and the history records beside them) and Step Functions' DescribeExecution; it writes
 * nothing. It may depend on the SDK's DynamoDB and Step Functions clients, Jackson and Powertools
 * logging only: never on the task Lambdas, the engine or the emulator (its tests alone run a local serve).
 */
package io.flinkupgrade.api;
