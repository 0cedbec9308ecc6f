package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.gsmile.core.UserInputException;
import org.gsmile.experiments.Startup;
import org.gsmile.core.spec.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gsmile} command line. */
@Command(name = "gsmile", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Explains why a generative model produced its output: gSMILE perturbs the prompt, "
                + "measures how far the output moves (Wasserstein distances) and fits a weighted linear "
                + "surrogate whose coefficients rank the prompt's words.",
        subcommands = {ExplainCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Gsmile implements Runnable {
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
        cli.setParameterExceptionHandler((ex, arguments) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + firstLine(ex.getMessage()) + " (see '" + command + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserInputException user) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + firstLine(user.render(Gsmile::option)));
                return USAGE;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    /** A setting as this command line spells it: {@code maxSamples} → {@code --max-samples}, with its value. */
    static String option(String key, String value) {
        String flag = "--" + Setting.kebab(key);
        return value == null ? flag : flag + " " + value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
