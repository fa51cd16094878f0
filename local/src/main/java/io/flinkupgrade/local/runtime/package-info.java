/**
 * Binds the local engine to the real task handlers and the emulator: Lambda-style invocation
 * through the project's one serializer, Step Functions' SNS and EventBridge integrations as a
 * local sink, and one whole upgrade run on a virtual clock (docs/architecture.md, "The local engine").
 */
package io.flinkupgrade.local.runtime;
