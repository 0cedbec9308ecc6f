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
    SENTENCES("sentences"),
    /** words, estimated hierarchically: the phrases first, then the words of the phrases that matter most. */
    PHRASES_THEN_WORDS("phrases-then-words"),
    /** words, estimated hierarchically: the sentences first, then the words of the sentences that matter most. */
    SENTENCES_THEN_WORDS("sentences-then-words");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** What the scores are attributed to: the kind itself, or words for the hierarchical kinds. */
    public UnitKind attributesTo() {
        return isHierarchical() ? WORDS : this;
    }

    /** Whether the explanation estimates groups of words first (phrases or sentences), then words inside them. */
    public boolean isHierarchical() {
        return this == PHRASES_THEN_WORDS || this == SENTENCES_THEN_WORDS;
    }

    /** The groups a hierarchical kind explains first (phrases or sentences); the kind itself otherwise. */
    public UnitKind groups() {
        return switch (this) {
            case PHRASES_THEN_WORDS -> PHRASES;
            case SENTENCES_THEN_WORDS -> SENTENCES;
            default -> this;
        };
    }

    /** The value the user named, or one line listing the accepted names. */
    public static UnitKind of(String name) {
        return Choice.parse(UnitKind.class, Setting.UNITS, name);
    }
}
