package io.flinkupgrade.emulator;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The scenario's injected faults and how many times each has fired. */
final class Faults {
    private final List<ScenarioSpec.FaultSpec> specs;
    private final Map<ScenarioSpec.FaultSpec, Integer> fired = new IdentityHashMap<>();
    private final Function<ScenarioSpec.AlarmAnchor, Instant> anchors;
    private final Supplier<Instant> now;

    /** {@code anchors} gives when an anchor happened (null: not yet), {@code now} the model's clock. */
    Faults(List<ScenarioSpec.FaultSpec> specs, Function<ScenarioSpec.AlarmAnchor, Instant> anchors, Supplier<Instant> now) {
        this.specs = List.copyOf(specs);
        this.anchors = anchors;
        this.now = now;
    }

    /**
     * Fires the first armed fault of {@code type} for {@code operation} that has not used up its
     * {@code times}; a fault without an operation applies to every operation it makes sense for.
     */
    Optional<ScenarioSpec.FaultSpec> fire(FaultType type, String operation) {
        for (ScenarioSpec.FaultSpec spec : specs) {
            boolean matches = spec.type() == type
                    && (spec.operation() == null || spec.operation().equals(operation))
                    && armed(spec);
            int count = fired.getOrDefault(spec, 0);
            if (matches && count < spec.times()) {
                fired.put(spec, count + 1);
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #fire}, but only faults that name {@code operation}: for services other scenarios do not mean. */
    Optional<ScenarioSpec.FaultSpec> fireNamed(FaultType type, String operation) {
        for (ScenarioSpec.FaultSpec spec : specs) {
            int count = fired.getOrDefault(spec, 0);
            if (spec.type() == type && operation.equals(spec.operation()) && armed(spec) && count < spec.times()) {
                fired.put(spec, count + 1);
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    /** Its anchor has happened and {@code atSeconds} have passed since. */
    private boolean armed(ScenarioSpec.FaultSpec spec) {
        Instant anchor = anchors.apply(spec.anchor());
        return anchor != null && !now.get().isBefore(anchor.plusSeconds(spec.atSeconds()));
    }

    boolean fires(FaultType type, String operation) {
        return fire(type, operation).isPresent();
    }
}
