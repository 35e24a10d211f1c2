package io.outsight.ingest.extract.eval;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a truth file ({@code { "<id>": { "url": …, "articleBody": … } }}).
 *
 * @param url the page's address, for resolving relative links; null when the file does not say
 * @param articleBody the human-written main text
 */
public record TruthEntry(@Nullable String url, String articleBody) {

    public TruthEntry {
        Objects.requireNonNull(articleBody, "articleBody");
    }
}
