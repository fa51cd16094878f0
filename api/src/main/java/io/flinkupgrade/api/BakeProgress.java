package io.flinkupgrade.api;

import java.util.List;

/**
 * The bake as the workflow last recorded it on the lease item (RecordProgressBake): health checks so far,
 * the latest verdict (PENDING, HEALTHY, UNHEALTHY, BLIND or INTERRUPTED) and its first reasons, when it was
 * made, and the seconds left of {@code health.bakeSeconds} at that check.
 */
public record BakeProgress(int checks, String verdict, List<String> reasons, String checkedAt, long secondsLeft) {}
