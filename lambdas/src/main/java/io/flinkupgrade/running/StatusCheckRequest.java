package io.flinkupgrade.running;

import io.flinkupgrade.application.OurChange;
import io.flinkupgrade.observe.ExecutionContext;
import java.time.Instant;

/**
 * CheckStatus's input.
 *
 * @param operationId    the MSF operation to follow (UpdateApplication or RollbackApplication), or null
 * @param expected       what our update (or our rollback) made: the versions, runtime, code and
 *                       configuration the application must still have
 * @param expectedStatus RUNNING, or READY for an application upgraded while stopped
 * @param waitingSince   when the operation started; with {@code timeoutSeconds}, bounds the loop
 * @param pollSeconds    {@code timeouts.pollSeconds}: the shortest wait between two polls
 * @param execution which execution and state this task runs for (see {@link ExecutionContext})
 */
public record StatusCheckRequest(
        String applicationName,
        String operationId,
        OurChange expected,
        String expectedStatus,
        Instant waitingSince,
        int timeoutSeconds,
        int pollSeconds,
        Instant enteredAt,
        ExecutionContext execution) {}
