/**
 * What an operator reads in CloudWatch Logs: one JSON line per task decision, through Powertools for
 * AWS Lambda (Java) and Log4j, keyed by application and outcome.
 */
package io.flinkupgrade.observe;
