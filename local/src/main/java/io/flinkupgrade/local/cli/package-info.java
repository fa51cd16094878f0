/** The {@code flink-upgrade-local} command line: run, serve, validate, diagram, scenarios (DESIGN.md, "CLI"). */
package io.flinkupgrade.local.cli;
