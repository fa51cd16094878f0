/**
 * A minimal S3 on the emulator's endpoint: {@link io.flinkupgrade.emulator.s3.ObjectStore} holds the
 * buckets and objects, {@link io.flinkupgrade.emulator.s3.S3Protocol} decodes and encodes PutObject,
 * GetObject and HeadObject over S3's REST protocol (path-style). Enough for objects a run writes and
 * reads (an upgrade report, a fleet's application list), nothing more: no listing, no versions, no ACLs.
 */
package io.flinkupgrade.emulator.s3;
