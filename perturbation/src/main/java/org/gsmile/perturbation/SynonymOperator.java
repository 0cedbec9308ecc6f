package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gsmile.core.mask.Mask;
import org.gsmile.core.mask.PerturbationOperator;
import org.gsmile.core.unit.Unit;

/**
 * Replaces each removed unit with a synonym, so the perturbation changes the words but keeps the
 * meaning roughly in place; a unit none of whose words has a synonym is dropped instead (see
 * {@link #unreplaced}). Within a unit every word that has a synonym is replaced, punctuation and
 * capitalisation kept ("Happy," may become "Glad,").
 *
 * <p>Each unit gets one synonym for the whole explanation, so "unit i removed" means the same text
 * in every sample; which of the word's synonyms is chosen by a generator seeded with the
 * operator's seed (its stream of the explanation seed) and the unit's index, so the same seed gives
 * the same perturbed prompts. Stateless: the replacements of a prompt live in what {@link #bind}
 * returns.
 */
public final class SynonymOperator implements PerturbationOperator {
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'’-]*");

    private final Thesaurus thesaurus;

    public SynonymOperator(Thesaurus thesaurus) {
        this.thesaurus = thesaurus;
    }

    @Override
    public String name() {
        return "synonym";
    }

    /** Units none of whose words has a synonym are dropped instead, and listed as unreplaced. */
    @Override
    public Perturbation bind(String prompt, List<Unit> units, long seed) {
        String[] r = new String[units.size()];
        List<Integer> none = new ArrayList<>();
        for (int i = 0; i < r.length; i++) {
            r[i] = replace(units.get(i).text(), new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1))));
            if (r[i] == null) {
                none.add(i);
            }
        }
        return new Replacements(prompt, units, r, none);
    }

    /** The unit's text with each word that has a synonym replaced; null when none has. */
    String replace(String text, SplittableRandom random) {
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        int at = 0;
        boolean any = false;
        while (m.find()) {
            String word = m.group();
            List<String> synonyms = thesaurus.synonyms(word);
            out.append(text, at, m.start());
            if (synonyms.isEmpty()) {
                out.append(word);
            } else {
                out.append(matchCase(word, synonyms.get(random.nextInt(synonyms.size()))));
                any = true;
            }
            at = m.end();
        }
        out.append(text, at, text.length());
        return any ? out.toString() : null;
    }

    private static String matchCase(String original, String synonym) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
            return synonym.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(original.charAt(0)) && !synonym.isEmpty()) {
            return Character.toUpperCase(synonym.charAt(0)) + synonym.substring(1);
        }
        return synonym;
    }
}
