package org.gsmile.perturbation;

import java.util.List;

/** Synonyms of a word, in a fixed order, without the word itself; empty when it has none. */
public interface Thesaurus {
    List<String> synonyms(String word);
}
