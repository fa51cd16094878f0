package io.flinkupgrade.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /upgrades/{id}}: the execution (status as Step Functions reports it, start and stop), the
 * outcome with its reasons and whole document once it has one, and while it runs the progress it recorded
 * on its lease (null when it holds none: not yet taken, or a dry run).
 */
public record UpgradeDetail(
        String id,
        String executionArn,
        String status,
        String startDate,
        String stopDate,
        String applicationName,
        String outcome,
        List<String> reasons,
        JsonNode result,
        Progress progress) {}
