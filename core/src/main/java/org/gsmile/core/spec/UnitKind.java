package org.gsmile.core.spec;

/** What an explanation attributes to. */
public enum UnitKind implements Choice {
    /** whitespace-separated words, punctuation attached. */
    WORDS("words"),
    /** the model's own tokens (models that expose their tokenizer). */
    TOKENS("tokens"),
    /** clauses, split after , ; : . ! ? and line breaks. */
    PHRASES("phrases"),
    /** sentences, split after . ! ? and line breaks. */
    SENTENCES("sentences");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static UnitKind of(String name) {
        return Choice.parse(UnitKind.class, Setting.UNITS, name);
    }
}
