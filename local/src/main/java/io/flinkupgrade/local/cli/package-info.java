/** The {@code flink-upgrade-local} command line: run, serve, validate, diagram, scenarios (docs/architecture.md, "CLI"). */
package io.flinkupgrade.local.cli;
