package io.flinkupgrade.observe;

/**
 * Which execution and state a Lambda task runs for: every Lambda task's payload carries it as
 * {@code execution}, built by the ASL from {@code $states.context} ({@link #ASL_ARGUMENT}), and
 * {@link TaskLog} puts it on every line the task logs, so an operator can follow one execution (or
 * one application) across all the functions' log groups.
 *
 * @param id          the execution's ARN ({@code $states.context.Execution.Id})
 * @param name        the execution's name
 * @param state       the state that invoked the task, e.g. CheckRollbackHealth
 * @param application the execution input's {@code applicationName}, when it is a string
 */
public record ExecutionContext(String id, String name, String state, String application) {
    /**
     * The {@code execution} argument of every Lambda task in the ASL, word for word (AslContractTest
     * holds every task to it). The application comes from the execution input, not a variable, so
     * it is there before Preflight has validated anything.
     */
    public static final String ASL_ARGUMENT = "{% {'id': $states.context.Execution.Id, 'name': $states.context.Execution.Name, "
            + "'state': $states.context.State.Name, 'application': ($name := $states.context.Execution.Input.applicationName; "
            + "$type($name) = 'string' ? $name : null)} %}";
}
