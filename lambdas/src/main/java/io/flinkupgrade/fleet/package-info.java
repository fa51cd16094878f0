/**
 * Fleet upgrades ({@code statemachine/fleet-upgrade.asl.json}): the request
 * ({@code fleet-request.schema.json}) as typed records, and the read-only plan that resolves the
 * applications, checks each with the single-application Preflight rules, and orders the canary and
 * the waves. Each application is then upgraded by its own execution of the upgrade state machine.
 * README, "Upgrading a fleet".
 */
package io.flinkupgrade.fleet;
