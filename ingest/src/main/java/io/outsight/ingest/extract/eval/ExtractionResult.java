package io.outsight.ingest.extract.eval;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a run writes for one page: {@code { "articleBody": …, "title": …, "published_at": … }}.
 *
 * @param articleBody the extracted main text
 * @param title the extracted title ("" when none)
 * @param publishedAt the extracted publication time, null when none
 */
public record ExtractionResult(String articleBody, String title, @Nullable Instant publishedAt) {

    public ExtractionResult {
        Objects.requireNonNull(articleBody, "articleBody");
        Objects.requireNonNull(title, "title");
    }
}
