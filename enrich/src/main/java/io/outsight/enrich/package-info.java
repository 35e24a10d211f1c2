/** The enrich stage: raw articles in, tagged articles out. {@link io.outsight.enrich.Enricher} is its core. */
@NullMarked
package io.outsight.enrich;

import org.jspecify.annotations.NullMarked;
