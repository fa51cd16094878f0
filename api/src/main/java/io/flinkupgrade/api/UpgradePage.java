package io.flinkupgrade.api;

import java.util.List;

/**
 * A page of {@code GET /upgrades}, newest start first; {@code nextToken} is null on the last page. As with
 * DynamoDB, a page filtered by status may hold fewer upgrades than the limit (even none) and still have a
 * next one.
 */
public record UpgradePage(List<UpgradeSummary> upgrades, String nextToken) {}
