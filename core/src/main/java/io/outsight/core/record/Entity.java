package io.outsight.core.record;

import java.util.Objects;

/**
 * One mention found in an article's text.
 *
 * @param type outsourcing_type, sourcing_model, country, region, organization, person, …
 * @param text the surface text, exactly {@code article.text().substring(start, end)}
 * @param canonical the normalised value (BPO, IN, …)
 * @param start character offset into the article text, inclusive
 * @param end character offset into the article text, exclusive
 * @param sentence index of the sentence that contains the mention
 * @param confidence 0..1
 * @param source dictionary, rule or model
 */
public record Entity(
        String type, String text, String canonical, int start, int end, int sentence, double confidence, String source) {

    public Entity {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(source, "source");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for entity '" + text + "'");
        }
        if (confidence < 0 || confidence > 1) {
            throw new IllegalArgumentException("confidence " + confidence + " outside 0..1 for entity '" + text + "'");
        }
    }
}
