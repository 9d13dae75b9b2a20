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
        switch (this) {
            case EQ:
                return comparison == 0;
            case NE:
                return comparison != 0;
            case LT:
                return comparison < 0;
            case LE:
                return comparison <= 0;
            case GT:
                return comparison > 0;
            case GE:
                return comparison >= 0;
            default:
                throw new IllegalStateException(name());
        }
    }
}
