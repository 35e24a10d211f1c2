package io.outsight.app.cli;

/** The exit codes of {@code outsight}, documented in the README and in {@code --help}. */
final class ExitCodes {
    /** Everything done. */
    static final int OK = 0;
    /** A failure at run time (a server unreachable, an unexpected error). */
    static final int FAILURE = 1;
    /** Bad usage or configuration: the message names the option or key to fix. */
    static final int USAGE = 2;
    /** The local stack could not be started or is not running. */
    static final int STACK = 3;
    /** {@code run} timed out before every URL was indexed or had a status. */
    static final int INCOMPLETE = 4;
    /** {@code eval --floors}: a score is below its floor; {@code bench}: a benchmark target was missed. */
    static final int BELOW_FLOOR = 5;

    private ExitCodes() {}
}
