package io.flinkupgrade.local.cli;

import io.flinkupgrade.engine.MermaidDiagram;
import io.flinkupgrade.local.runtime.LocalUpgrade;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code diagram}: the workflow as a Mermaid flowchart, drawn from the ASL file itself. */
@Command(name = "diagram", mixinStandardHelpOptions = true, description = "Print the state machine as a Mermaid flowchart.")
final class DiagramCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--asl", description = "The workflow file to draw instead of the bundled one.")
    private Path asl;

    @Option(names = "--no-catch-all", description = "Leave out the States.ALL catch edges (nearly every task has one) to see the main paths.")
    private boolean noCatchAll;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(MermaidDiagram.render(LocalUpgrade.definition(Optional.ofNullable(asl)),
                noCatchAll ? MermaidDiagram.CatchAll.HIDE : MermaidDiagram.CatchAll.SHOW));
        return 0;
    }
}
