package org.gsmile.experiments.cli;

import java.io.PrintWriter;
import org.gsmile.core.UserInputException;
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

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line; returns the exit code. Separate from main so tests can call it. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Gsmile());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, arguments) -> {
            String command = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(command + ": " + firstLine(ex.getMessage()) + " (see '" + command + " --help')");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UserInputException) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + firstLine(ex.getMessage()));
                return USAGE;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid input";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
