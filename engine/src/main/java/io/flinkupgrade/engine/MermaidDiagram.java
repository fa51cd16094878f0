package io.flinkupgrade.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Draws a state machine as a Mermaid flowchart for the README and the CLI's diagram command. */
public final class MermaidDiagram {
    private final StringBuilder out = new StringBuilder("flowchart TD\n");
    private final Map<String, String> ids = new HashMap<>();
    private final CatchAll catchAll;
    private int endpoints;

    /** Whether to draw the catchers of {@code States.ALL}: nearly every task has one, and they clutter the chart. */
    public enum CatchAll { SHOW, HIDE }

    private MermaidDiagram(CatchAll catchAll) {
        this.catchAll = catchAll;
    }

    /** Every edge, catch-alls included. */
    public static String render(StateMachineDefinition definition) {
        return render(definition, CatchAll.SHOW);
    }

    /**
     * States become nodes; Next, Default, Choice and Catch become edges, a Choice rule's edge labelled
     * with the rule's Comment; Parallel and Map become subgraphs.
     */
    public static String render(StateMachineDefinition definition, CatchAll catchAll) {
        MermaidDiagram diagram = new MermaidDiagram(catchAll);
        diagram.block(definition.tree(), "    ");
        return diagram.out.toString();
    }

    private void block(JsonNode block, String indent) {
        JsonNode states = block.get("States");
        states.fieldNames().forEachRemaining(name -> ids.put(name, "s" + ids.size()));
        String start = endpoint(indent, "((Start))");
        edge(indent, start, id(block.get("StartAt").textValue()), null);
        List<String> names = new ArrayList<>();
        states.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            state(name, states.get(name), indent);
        }
    }

    private void state(String name, JsonNode state, String indent) {
        String id = id(name);
        String type = state.get("Type").textValue();
        switch (type) {
            case "Choice" -> node(indent, id, "{", name, "}");
            case "Succeed", "Fail" -> node(indent, id, "([", name, "])");
            case "Parallel", "Map" -> {
                out.append(indent).append("subgraph ").append(id).append(" [\"").append(escape(name + " (" + type + ")")).append("\"]\n");
                if (type.equals("Map")) {
                    block(state.get("ItemProcessor"), indent + "    ");
                } else {
                    for (JsonNode branch : state.get("Branches")) {
                        block(branch, indent + "    ");
                    }
                }
                out.append(indent).append("end\n");
            }
            default -> node(indent, id, "[", name, "]");
        }
        if (state.has("Next")) {
            edge(indent, id, id(state.get("Next").textValue()), null);
        } else if (state.path("End").asBoolean(false) || type.equals("Succeed")) {
            edge(indent, id, endpoint(indent, "((End))"), null);
        } else if (type.equals("Fail")) {
            edge(indent, id, endpoint(indent, "((Failed))"), null);
        }
        JsonNode choices = state.path("Choices");
        for (int i = 0; i < choices.size(); i++) {
            JsonNode rule = choices.get(i);
            String label = rule.has("Comment") ? rule.get("Comment").textValue() : "rule " + (i + 1);
            edge(indent, id, id(rule.get("Next").textValue()), label);
        }
        if (state.has("Default")) {
            edge(indent, id, id(state.get("Default").textValue()), "Default");
        }
        for (JsonNode catcher : state.path("Catch")) {
            if (catchAll == CatchAll.HIDE && catchesAll(catcher)) {
                continue;
            }
            List<String> errors = new ArrayList<>();
            catcher.get("ErrorEquals").forEach(error -> errors.add(simpleName(error.textValue())));
            edge(indent, id, id(catcher.get("Next").textValue()), String.join(", ", errors));
        }
    }

    private static boolean catchesAll(JsonNode catcher) {
        for (JsonNode error : catcher.get("ErrorEquals")) {
            if ("States.ALL".equals(error.textValue())) {
                return true;
            }
        }
        return false;
    }

    /** ErrorEquals holds fully-qualified exception names; the class name alone keeps the chart readable. */
    private static String simpleName(String error) {
        return error.startsWith("States.") ? error : error.substring(error.lastIndexOf('.') + 1);
    }

    private String id(String stateName) {
        return ids.get(stateName);
    }

    private String endpoint(String indent, String shape) {
        String id = "e" + endpoints++;
        out.append(indent).append(id).append(shape).append('\n');
        return id;
    }

    private void node(String indent, String id, String open, String name, String close) {
        out.append(indent).append(id).append(open).append('"').append(escape(name)).append('"').append(close).append('\n');
    }

    private void edge(String indent, String from, String to, String label) {
        out.append(indent).append(from);
        if (label == null) {
            out.append(" --> ");
        } else {
            out.append(" -- \"").append(escape(label)).append("\" --> ");
        }
        out.append(to).append('\n');
    }

    private static String escape(String text) {
        return text.replace("\"", "#quot;");
    }
}
