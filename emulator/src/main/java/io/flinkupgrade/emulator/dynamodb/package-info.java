/**
 * A small DynamoDB for the local runtime's lease table: the operations and expression forms the
 * workflow's direct DynamoDB integrations use (CreateTable, DescribeTable, PutItem, GetItem,
 * DeleteItem; condition expressions with comparisons, {@code attribute_exists},
 * {@code attribute_not_exists}, AND, OR, NOT and parentheses over {@code #names} and {@code :values}),
 * served by the emulator's endpoint (AWS JSON 1.0, {@code X-Amz-Target: DynamoDB_20120810.<Op>})
 * with DynamoDB's own error shapes. {@link io.flinkupgrade.emulator.dynamodb.DynamoDbTables}
 * is the model, {@link io.flinkupgrade.emulator.dynamodb.DynamoDbProtocol} only decodes and
 * encodes. The lease contract tests run the same requests against it and against dynalite.
 */
package io.flinkupgrade.emulator.dynamodb;
