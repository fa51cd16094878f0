/**
 * The execution input ({@code statemachine/upgrade-request.schema.json}) as typed records with
 * its defaults, and the plan Preflight hands to the rest of the workflow. See DESIGN.md,
 * "Execution input".
 */
package io.flinkupgrade.plan;
