package org.gsmile.experiments.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import org.gsmile.odd.Coverage;
import org.gsmile.odd.Dimension;
import org.gsmile.odd.ScenarioCase;
import org.gsmile.odd.Strategy;
import org.gsmile.odd.Suite;
import org.gsmile.odd.SuiteOptions;
import org.gsmile.odd.Taxonomy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gsmile scenarios}: scenario suites (ODD taxonomies), for now {@code expand}. */
@Command(name = "scenarios", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Scenario suites: a taxonomy file (dimensions in ODD groups, their values, exclusions, templates)"
                + " and the cases generated over it.",
        subcommands = {ScenariosCommand.Expand.class},
        footer = {"", "Example:", "  gsmile scenarios expand experiments/suites/driving.yaml", ""})
public final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No subcommand: the usage goes where errors go, and the exit code says it was a mistake. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Gsmile.USAGE;
    }

    @Command(name = "expand", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Generates the cases of a taxonomy file and prints them (id, scenario, prompt or"
                    + " instruction, relevant words, input scene), their count, the number of allowed scenarios (the"
                    + " factorial after the constraints) and the t-way coverage they achieve.",
                    "",
                    "The coverage is measured on its own: every combination of values of every t dimensions that"
                            + " some allowed scenario has is looked up among the cases."},
            footer = {"", "Examples:", "  gsmile scenarios expand experiments/suites/driving.yaml",
                    "  gsmile scenarios expand --strategy pairwise --t 3 experiments/suites/stories.yaml",
                    "  gsmile scenarios expand --strategy random --n 20 --seed 7 --format json"
                            + " experiments/suites/llm-prompts.yaml", ""})
    static final class Expand implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

        @Parameters(paramLabel = "FILE", description = "The taxonomy file (YAML; see experiments/EXPERIMENT-FILES.md,"
                + " \"Scenario suites\").")
        Path file;

        @Option(names = "--strategy", paramLabel = "pairwise|factorial|random", defaultValue = "pairwise",
                description = "pairwise: a t-way covering array (default); factorial: every allowed scenario;"
                        + " random: --n scenarios drawn with --seed.")
        String strategy;

        @Option(names = "--t", paramLabel = "T", description = "The covering strength of pairwise, 2 to the number of"
                + " dimensions (default 2); with the other strategies, the strength the coverage is measured at.")
        Integer t;

        @Option(names = "--n", paramLabel = "N", description = "The number of cases of --strategy random.")
        Integer n;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
                description = "random draws with it; pairwise orders each dimension's values with it (default 42).")
        long seed;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
                description = "Output format: text (default) or json.")
        String format;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OutputFormat output = OutputFormat.of(format);
            Strategy s = Strategy.of(strategy);
            Taxonomy taxonomy = Taxonomy.load(file);
            Suite suite = taxonomy.expand(new SuiteOptions(s, t == null ? SuiteOptions.DEFAULT_T : t, n, seed, null));
            PrintWriter out = spec.commandLine().getOut();
            if (output == OutputFormat.JSON) {
                try {
                    out.println(JSON.writeValueAsString(json(suite)));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                text(suite, out);
            }
            out.flush();
            return 0;
        }
    }

    /** The text form: the taxonomy in brief, one block per case, the summary line last. */
    static void text(Suite suite, PrintWriter out) {
        Taxonomy tx = suite.taxonomy();
        out.println("Suite: " + tx.name() + " (" + tx.file() + ")" + (tx.description().isBlank() ? ""
                : ": " + tx.description()));
        StringJoiner dims = new StringJoiner(", ");
        for (Dimension d : tx.dimensions()) {
            dims.add(d.group() + "/" + d.name() + " (" + d.values().size() + ")");
        }
        out.println("Dimensions: " + tx.dimensions().size() + ": " + dims);
        out.println("Constraints: " + tx.exclusions().size() + (tx.exclusions().size() == 1 ? " exclusion" : " exclusions")
                + (tx.scenes().isEmpty() ? "" : ", " + tx.scenes().size() + " scenes") + "; " + tx.productCount()
                + " scenarios before them, " + tx.factorialCount() + " allowed");
        out.println();
        List<ScenarioCase> cases = suite.cases();
        int width = String.valueOf(cases.size()).length();
        String indent = " ".repeat(width + 2);
        for (int i = 0; i < cases.size(); i++) {
            ScenarioCase c = cases.get(i);
            out.println(String.format("%" + width + "d. %s", i + 1, c.id()));
            out.println(indent + c.label());
            out.println(indent + "\"" + c.prompt().replace("\n", "\\n") + "\"");
            out.println(indent + "relevant: " + (c.relevant().isEmpty() ? "none" : String.join(", ", c.relevant()))
                    + (c.scene() == null ? "" : "; scene: " + c.scene()));
        }
        out.println();
        Coverage coverage = suite.coverage();
        if (!coverage.complete()) {
            StringJoiner missing = new StringJoiner("; ");
            for (Map<String, String> m : coverage.missing()) {
                StringJoiner one = new StringJoiner(" ");
                m.forEach((k, v) -> one.add(k + "=" + v));
                missing.add(one.toString());
            }
            long more = coverage.allowed() - coverage.covered() - coverage.missing().size();
            out.println("Not covered: " + missing + (more > 0 ? "; and " + more + " more" : ""));
        }
        out.println(suite.summary());
    }

    /** The JSON form, for a program. */
    static ObjectNode json(Suite suite) {
        Taxonomy tx = suite.taxonomy();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("suite", tx.name());
        o.put("file", tx.file());
        o.put("description", tx.description());
        o.put("strategy", suite.options().strategy().label());
        o.put("t", suite.t());
        if (suite.options().n() == null) {
            o.putNull("n");
        } else {
            o.put("n", suite.options().n());
        }
        o.put("seed", suite.options().seed());
        ArrayNode dims = o.putArray("dimensions");
        for (Dimension d : tx.dimensions()) {
            ObjectNode dn = dims.addObject();
            dn.put("name", d.name());
            dn.put("group", d.group());
            ArrayNode values = dn.putArray("values");
            d.values().forEach(values::add);
        }
        o.put("exclusions", tx.exclusions().size());
        o.put("scenes", tx.scenes().size());
        o.put("count", suite.cases().size());
        o.put("factorialCount", suite.factorialCount());
        o.put("productCount", tx.productCount());
        ObjectNode cov = o.putObject("coverage");
        Coverage c = suite.coverage();
        cov.put("t", c.t());
        cov.put("covered", c.covered());
        cov.put("allowed", c.allowed());
        cov.put("ratio", c.ratio());
        ArrayNode missing = cov.putArray("missing");
        for (Map<String, String> m : c.missing()) {
            ObjectNode mn = missing.addObject();
            m.forEach(mn::put);
        }
        ArrayNode cases = o.putArray("cases");
        for (ScenarioCase k : suite.cases()) {
            ObjectNode cn = cases.addObject();
            cn.put("id", k.id());
            cn.put("prompt", k.prompt());
            ArrayNode relevant = cn.putArray("relevant");
            k.relevant().forEach(relevant::add);
            ObjectNode scenario = cn.putObject("scenario");
            k.scenario().forEach(scenario::put);
            if (k.scene() == null) {
                cn.putNull("scene");
            } else {
                cn.put("scene", k.scene());
            }
        }
        return o;
    }
}
