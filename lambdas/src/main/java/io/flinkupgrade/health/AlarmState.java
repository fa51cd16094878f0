package io.flinkupgrade.health;

import java.time.Instant;

/**
 * A CloudWatch alarm as DescribeAlarms reported it. {@code transitionedAt} is the last change of
 * the state value (StateTransitionedTimestamp, falling back to StateUpdatedTimestamp), so a
 * re-evaluation that only updates the state reason does not look like a new transition.
 */
record AlarmState(String name, String state, Instant transitionedAt) {

    boolean inAlarm() {
        return "ALARM".equals(state);
    }
}
