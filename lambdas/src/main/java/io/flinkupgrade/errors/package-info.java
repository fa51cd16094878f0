/**
 * Every error the workflow branches on. Step Functions matches {@code ErrorEquals} against the
 * fully-qualified class name that the Java Lambda runtime reports, so these classes are top-level,
 * live in this one package, and are part of the ASL contract: moving or renaming one breaks
 * {@code statemachine/upgrade-application.asl.json}. See docs/architecture.md, "Errors the workflow branches on".
 */
package io.flinkupgrade.errors;
