package org.gsmile.experiments.cli;

import org.apache.commons.text.similarity.LevenshteinDistance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What picocli finds wrong with the arguments, as one line naming the option and the fix: a typo
 * gets "did you mean", a prompt that starts with '-' gets the {@code --} hint, a number gets its
 * kind and a value to try. The numbers are read by converters of their own, so "1.5" for a count,
 * "99999999999" for an int and "NaN" or "Infinity" for a real number are refused by name.
 */
final class CommandLineMistakes {
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    static final String DASH_HINT = "to explain a prompt that starts with '-', put -- before it";

    private CommandLineMistakes() {
    }

    /** Registers the number converters on the command line and every subcommand it has now. */
    static void registerConverters(CommandLine cli) {
        cli.registerConverter(Integer.class, CommandLineMistakes::toInt);
        cli.registerConverter(Integer.TYPE, CommandLineMistakes::toInt);
        cli.registerConverter(Long.class, CommandLineMistakes::toLong);
        cli.registerConverter(Long.TYPE, CommandLineMistakes::toLong);
        cli.registerConverter(Double.class, CommandLineMistakes::toDouble);
        cli.registerConverter(Double.TYPE, CommandLineMistakes::toDouble);
    }

    static Integer toInt(String text) {
        String t = whole(text);
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw tooFar(t, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    static Long toLong(String text) {
        String t = whole(text);
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw tooFar(t, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    static Double toDouble(String text) {
        String t = text.strip();
        if (!DECIMAL.matcher(t).matches()) {
            throw new TypeConversionException("takes a number, got " + shown(text));
        }
        double value = Double.parseDouble(t);
        if (Double.isInfinite(value)) {
            throw new TypeConversionException("takes a finite number, got " + shown(text));
        }
        return value;
    }

    private static String whole(String text) {
        String t = text.strip();
        if (!WHOLE.matcher(t).matches()) {
            throw new TypeConversionException("takes a whole number, got " + shown(text));
        }
        return t.startsWith("+") ? t.substring(1) : t;
    }

    private static TypeConversionException tooFar(String t, long min, long max) {
        return t.startsWith("-")
                ? new TypeConversionException("takes a whole number from " + min + ", got " + t + " (too small)")
                : new TypeConversionException("takes a whole number up to " + max + ", got " + t + " (too large)");
    }

    private static String shown(String text) {
        return text.isBlank() ? "an empty value" : "'" + text + "'";
    }

    /** The one line for a mistake picocli found. */
    static String describe(ParameterException ex) {
        CommandLine where = ex.getCommandLine();
        CommandSpec spec = where.getCommandSpec();
        String command = spec.qualifiedName();
        String see = " (see '" + command + " --help')";
        if (ex instanceof UnmatchedArgumentException u) {
            return command + ": " + unmatched(u, spec) + see;
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec opt) {
            return command + ": " + opt.longestName() + " is given more than once: give it once" + see;
        }
        if (ex instanceof CommandLine.MissingParameterException m) {
            return command + ": " + missing(m, where, spec) + see;
        }
        if (ex.getCause() instanceof TypeConversionException conversion && ex.getArgSpec() instanceof OptionSpec opt) {
            return command + ": " + opt.longestName() + " " + conversion.getMessage() + tryValue(opt, spec) + see;
        }
        if (ex.getMessage() != null && ex.getMessage().startsWith("Unknown subcommand '")) {
            // From 'gsmile help NAME'.
            String name = ex.getMessage().substring("Unknown subcommand '".length()).replaceAll("'\\.?$", "");
            CommandSpec root = spec.root();
            return command + ": unknown command '" + name + "': " + commands(root, name) + see;
        }
        return command + ": " + Gsmile.firstLine(ex.getMessage()) + see;
    }

    private static String unmatched(UnmatchedArgumentException u, CommandSpec spec) {
        List<String> unmatched = u.getUnmatched();
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        boolean root = !spec.subcommands().isEmpty();
        String option = unmatched.stream().filter(CommandLineMistakes::looksLikeOption).findFirst().orElse(null);
        if (root) {
            if (option != null) {
                int at = unmatched.indexOf(option);
                String value = at + 1 < unmatched.size() && !looksLikeOption(unmatched.get(at + 1))
                        && !spec.subcommands().containsKey(unmatched.get(at + 1)) ? " " + unmatched.get(at + 1) : "";
                // gsmile --samples 8 explain ...: the option is the subcommand's.
                for (CommandLine sub : spec.subcommands().values()) {
                    if (sub.getCommandSpec().findOption(optionName(option)) != null) {
                        return "'" + optionName(option) + "' is an option of " + sub.getCommandSpec().qualifiedName()
                                + ": write it after the command, as in " + sub.getCommandSpec().qualifiedName() + " "
                                + option + value + " ...";
                    }
                }
                return "unknown option '" + option + "'";
            }
            if (first.chars().anyMatch(Character::isWhitespace) && spec.parent() == null) {
                return "unknown command '" + first + "': to explain a prompt, write " + spec.qualifiedName()
                        + " explain \"" + first + "\"";
            }
            return "unknown command '" + first + "': " + commands(spec, first);
        }
        if (option == null) {
            return "unexpected argument '" + first + "': " + spec.qualifiedName()
                    + (spec.positionalParameters().isEmpty() ? " takes options only" : " takes its options before them");
        }
        return unknownOption(option, suggestions(u.getSuggestions(), option, spec), spec);
    }

    private static String unknownOption(String option, List<String> suggestions, CommandSpec spec) {
        boolean takesPrompt = !spec.positionalParameters().isEmpty();
        if (takesPrompt && option.chars().anyMatch(Character::isWhitespace)) {
            return "'" + option + "' is not an option; " + DASH_HINT + ", as in " + spec.qualifiedName() + " -- \""
                    + option + "\"";
        }
        if (!suggestions.isEmpty()) {
            return "unknown option '" + option + "': did you mean " + String.join(" or ", suggestions) + "?";
        }
        return "unknown option '" + option + "'" + (takesPrompt ? "; " + DASH_HINT : "");
    }

    private static String missing(CommandLine.MissingParameterException m, CommandLine where, CommandSpec spec) {
        List<ArgSpec> missing = m.getMissing();
        ArgSpec arg = missing == null || missing.isEmpty() ? null : missing.get(0);
        if (arg instanceof OptionSpec opt) {
            return opt.longestName() + " needs a value (" + opt.paramLabel() + ")" + tryValue(opt, spec);
        }
        // A prompt that starts with '-' was taken for an option, so the prompt is "missing".
        for (String u : where.getUnmatchedArguments()) {
            if (looksLikeOption(u)) {
                return unknownOption(u, suggestions(List.of(), u, spec), spec);
            }
        }
        String label = arg == null ? "PROMPT" : arg.paramLabel();
        return "no " + label + " given: write it after the options, as in " + spec.qualifiedName()
                + " \"Lily wanted to play with her red ball\"";
    }

    /** The names of the subcommands, with the one a typo meant first. */
    private static String commands(CommandSpec root, String typo) {
        List<String> names = new ArrayList<>(root.subcommands().keySet());
        String near = null;
        int best = 3;
        for (String n : names) {
            int d = editDistance(n, typo.toLowerCase(Locale.ROOT));
            if (d < best) {
                best = d;
                near = n;
            }
        }
        String choose = names.size() == 1 ? "the command is " + names.get(0)
                : "choose " + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return (near == null ? "" : "did you mean " + near + "? ") + choose;
    }

    /** Picocli's suggestions, or the options within two edits of the typo; at most two. */
    private static List<String> suggestions(List<String> fromPicocli, String option, CommandSpec spec) {
        String name = optionName(option);
        List<String> found = new ArrayList<>();
        // Picocli's second guess is often far off (--max-sample: --mask-token): keep the close ones.
        for (String s : fromPicocli) {
            if (s.startsWith("-") && !found.contains(s) && found.size() < 2
                    && (found.isEmpty() || editDistance(s, name) <= 2)) {
                found.add(s);
            }
        }
        if (found.isEmpty()) {
            for (OptionSpec o : spec.options()) {
                if (!o.hidden() && editDistance(o.longestName(), name) <= 2 && found.size() < 2) {
                    found.add(o.longestName());
                }
            }
        }
        return found;
    }

    /** A value to try: the option's default, or for an option whose value may be left out, the value it then takes. */
    private static String tryValue(OptionSpec opt, CommandSpec spec) {
        String value = opt.arity().min() == 0 && opt.fallbackValue() != null && !opt.fallbackValue().isEmpty()
                ? opt.fallbackValue() : opt.defaultValue();
        if (value == null || value.isEmpty()) {
            return "";
        }
        String hint = ": try " + opt.longestName() + " " + value;
        if (opt.arity().min() == 0 && !spec.positionalParameters().isEmpty()) {
            hint += ", or put -- before the prompt";
        }
        return hint;
    }

    private static boolean looksLikeOption(String arg) {
        return arg.startsWith("-") && arg.length() > 1 && !arg.equals("--");
    }

    private static String optionName(String arg) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
    }

    static int editDistance(String a, String b) {
        return LevenshteinDistance.getDefaultInstance().apply(a, b);
    }
}
