package io.flinkupgrade.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** The scenario's {@code startUpgrade} actions not yet handed to the local runtime. */
final class UpgradeStarts {
    private final List<ScenarioSpec.ActionSpec> pending = new ArrayList<>();

    UpgradeStarts(List<ScenarioSpec.ActionSpec> actions) {
        actions.stream().filter(a -> a.type() == ScenarioSpec.ActionType.START_UPGRADE).forEach(pending::add);
    }

    /** The actions whose anchor has happened and whose time has come by {@code now}, each handed out once. */
    List<UpgradeStart> takeDue(ApplicationModel model, Instant now) {
        List<UpgradeStart> due = new ArrayList<>();
        for (Iterator<ScenarioSpec.ActionSpec> it = pending.iterator(); it.hasNext(); ) {
            ScenarioSpec.ActionSpec action = it.next();
            Instant anchor = model.anchor(action.anchor());
            if (anchor != null && !anchor.plusSeconds(action.atSeconds()).isAfter(now)) {
                due.add(new UpgradeStart(anchor.plusSeconds(action.atSeconds()), Optional.ofNullable(action.targetRuntime())));
                it.remove();
            }
        }
        return due;
    }
}
