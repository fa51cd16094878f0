package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One execution as DescribeExecution describes it
 * (https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html): output
 * only once SUCCEEDED, error and cause once it failed, timed out or was stopped (either may be null),
 * stopDate once it ended. mapRunArn names the Map Run of a Distributed Map's child execution, and
 * parentExecutionArn the execution whose Task or Map state started it; both are null otherwise.
 */
public record ExecutionDescription(
        String executionArn,
        String stateMachineArn,
        String name,
        ExecutionStatus status,
        JsonNode input,
        JsonNode output,
        String error,
        String cause,
        Instant startDate,
        Instant stopDate,
        String mapRunArn,
        String parentExecutionArn) {}
