package org.gsmile.core.spec;

/** What a perturbation does to a removed unit. */
public enum OperatorKind implements Choice {
    /** leave it out. */
    DROP("drop"),
    /** replace it with the mask token. */
    MASK("mask"),
    /** replace it with a WordNet synonym; a unit without one is dropped. */
    SYNONYM("synonym");

    private final String label;

    OperatorKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The value the user named, or one line listing the accepted names. */
    public static OperatorKind of(String name) {
        return Choice.parse(OperatorKind.class, Setting.OPERATOR, name);
    }
}
