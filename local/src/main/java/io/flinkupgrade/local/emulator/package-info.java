/**
 * The MSF (kinesisanalyticsv2) and CloudWatch emulator: a loopback HTTP endpoint that the real AWS
 * SDK and the AWS CLI talk to unchanged, backed by a behavioural model of applications, snapshots,
 * operations and simulated Flink job metrics, driven by a {@link io.flinkupgrade.local.emulator.Scenario}.
 * Entry point: {@link io.flinkupgrade.local.emulator.MsfEmulator}. See docs/architecture.md, "The MSF emulator",
 * and {@code scenarios/README.md} for the scenario format.
 */
package io.flinkupgrade.local.emulator;
