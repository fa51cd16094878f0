/**
 * The composition root: AWS clients, the JSON mapper and serializer, the task catalog. The only
 * package (with {@code local}) that reads the environment; logic elsewhere gets its clients and
 * its notion of "now" passed in.
 */
package io.flinkupgrade.wiring;
