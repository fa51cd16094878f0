package io.flinkupgrade.local.cli;

import io.flinkupgrade.emulator.Scenario;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scenarios}: the bundled emulator scenarios, with what each one injects. */
@Command(name = "scenarios", mixinStandardHelpOptions = true, description = "List the bundled emulator scenarios.")
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String name : Scenario.bundledNames()) {
            out.printf("%-22s %s%n", name, Scenario.load(name).description());
        }
        return 0;
    }
}
