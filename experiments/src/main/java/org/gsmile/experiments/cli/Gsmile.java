package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.Startup;
import org.gsmile.core.spec.Setting;
import org.gsmile.models.http.UrlSecrets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gsmile} command line. */
@Command(name = "gsmile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Explains why a generative model produced its output: gSMILE perturbs the prompt, "
                + "measures how far the output moves (Wasserstein distances) and fits a weighted linear "
                + "surrogate whose coefficients rank the prompt's words.",
        subcommands = {ExplainCommand.class, ExplainImageCommand.class, EvaluateCommand.class, RunCommand.class,
                ReportCommand.class, ScenariosCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Gsmile implements Callable<Integer> {
    /** Exit code for a user mistake: bad option, missing file, unreachable server. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    private Gsmile(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** Where API keys, GSMILE_MODELS and cache locations are read: the process environment, or a test's. */
    Map<String, String> environment() {
        return environment;
    }

    Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    /** No command: the usage goes where errors go, and the exit code says it was a mistake. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    public static void main(String[] args) {
        Startup.configure();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns the exit code. Separate from main so tests can call it. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, reading the given environment instead of the process's. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new Gsmile(environment));
        cli.setOut(out);
        cli.setErr(err);
        CommandLineMistakes.registerConverters(cli);
        // Every line about a mistake passes through UrlSecrets: a URL the user typed may carry a password.
        cli.setParameterExceptionHandler((ex, arguments) -> {
            err.println(UrlSecrets.mask(CommandLineMistakes.describe(ex)));
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserInputException user) {
                err.println(UrlSecrets.mask(commandLine.getCommandSpec().qualifiedName() + ": "
                        + firstLine(user.render(Gsmile::option))));
                return USAGE;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    /**
     * A setting as this command line spells it: {@code maxSamples} → {@code --max-samples}, with its
     * value; the prompt is no option here but the words after them.
     */
    static String option(String key, String value) {
        if (key.equals(Setting.PROMPT.key())) {
            return value == null ? "the prompt" : "the prompt \"" + value + "\"";
        }
        // The metrics' settings whose command-line name is longer than their key.
        String name = switch (key) {
            case "seeds" -> "stability-seeds";
            case "randomRankings" -> "random";
            default -> Setting.kebab(key);
        };
        String flag = "--" + name;
        return value == null ? flag : flag + " " + value;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "invalid input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
