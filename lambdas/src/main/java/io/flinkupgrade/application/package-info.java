/**
 * What a task knows about an MSF application: {@link io.flinkupgrade.application.MsfApplication},
 * read through {@link io.flinkupgrade.application.ApplicationReader}, so every task sees the same
 * facts mapped the same way from the SDK's {@code ApplicationDetail}.
 */
package io.flinkupgrade.application;
