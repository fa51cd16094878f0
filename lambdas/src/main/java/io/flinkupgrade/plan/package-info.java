/**
 * The execution input ({@code statemachine/upgrade-request.schema.json}) as typed records with
 * its defaults, and the plan Preflight hands to the rest of the workflow. See
 * docs/architecture.md, "The workflow", and the README's input table.
 */
package io.flinkupgrade.plan;
