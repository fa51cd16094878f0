/**
 * Preflight: validate the execution input, read the application, apply the upgrade rules and
 * produce the plan the rest of the workflow follows (docs/architecture.md, "The workflow" step 1). Nothing
 * here mutates the application; every rejection names the input field that decided.
 */
package io.flinkupgrade.preflight;
