/**
 * Main-content and metadata extraction from fetched HTML pages: {@link
 * io.outsight.ingest.extract.MainContentExtractor} turns a page into an {@link
 * io.outsight.ingest.extract.ExtractedPage} (text without boilerplate, title, authors, dates, canonical URL, site
 * name, description, language).
 */
@NullMarked
package io.outsight.ingest.extract;

import org.jspecify.annotations.NullMarked;
