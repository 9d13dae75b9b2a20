package dev.cissentinel.pattern;

/** A comparison operator of a JSON or space-delimited condition. */
public enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator as written in a pattern. */
    public String symbol() {
        return symbol;
    }

    /** True for {@code < <= > >=}, which AWS accepts only with a number. */
    public boolean relational() {
        return this != EQ && this != NE;
    }

    /** Whether {@code comparison} (the sign of target compared with bound) satisfies this relational operator. */
    boolean holds(int comparison) {
        return switch (this) {
            case EQ -> comparison == 0;
            case NE -> comparison != 0;
            case LT -> comparison < 0;
            case LE -> comparison <= 0;
            case GT -> comparison > 0;
            case GE -> comparison >= 0;
        };
    }
}
