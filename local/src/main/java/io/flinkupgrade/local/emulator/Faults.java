package io.flinkupgrade.local.emulator;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The scenario's injected faults and how many times each has fired. */
final class Faults {
    private final List<ScenarioSpec.FaultSpec> specs;
    private final Map<ScenarioSpec.FaultSpec, Integer> fired = new IdentityHashMap<>();

    Faults(List<ScenarioSpec.FaultSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /**
     * Fires the first fault of {@code type} for {@code operation} that has not used up its
     * {@code times}; a fault without an operation applies to every operation it makes sense for.
     */
    Optional<ScenarioSpec.FaultSpec> fire(FaultType type, String operation) {
        for (ScenarioSpec.FaultSpec spec : specs) {
            boolean matches = spec.type() == type
                    && (spec.operation() == null || spec.operation().equals(operation));
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
            if (spec.type() == type && operation.equals(spec.operation()) && count < spec.times()) {
                fired.put(spec, count + 1);
                return Optional.of(spec);
            }
        }
        return Optional.empty();
    }

    boolean fires(FaultType type, String operation) {
        return fire(type, operation).isPresent();
    }
}
