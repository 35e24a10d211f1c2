/** URL normalisation: one spelling per page, so one article id per page. */
@NullMarked
package io.outsight.ingest.url;

import org.jspecify.annotations.NullMarked;
