package io.outsight.enrich.taxonomy;

import java.util.List;

/** A term file that cannot be used: every problem found, each naming the file and line. */
public final class TaxonomyException extends RuntimeException {
    private final List<String> problems;

    public TaxonomyException(List<String> problems) {
        super(problems.size() == 1 ? problems.getFirst()
                : problems.size() + " problems in the taxonomy:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as "file:line: what is wrong". */
    public List<String> problems() {
        return problems;
    }
}
