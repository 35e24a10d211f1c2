package io.outsight.app.deploy;

/** Builds broken variants of a file for the tests that show a check rejects them. Stateless and thread-safe. */
final class TextEdits {
    private TextEdits() {}

    /**
     * Replaces the one occurrence of {@code fragment}. Fails when the fragment occurs zero or several times, so that
     * a variant which no longer matches the file it breaks is reported instead of silently testing the original.
     */
    static String replaceOnce(String text, String fragment, String replacement) {
        int first = text.indexOf(fragment);
        if (first < 0 || text.indexOf(fragment, first + 1) >= 0) {
            throw new IllegalArgumentException((first < 0 ? "no" : "more than one") + " occurrence of the fragment <"
                    + fragment + ">: update the variant to the current file");
        }
        return text.substring(0, first) + replacement + text.substring(first + fragment.length());
    }
}
