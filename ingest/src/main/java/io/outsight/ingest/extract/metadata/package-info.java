/**
 * Page metadata (title, authors, dates, canonical URL, site name, description, declared language) read from
 * JSON-LD, OpenGraph, other meta tags, microdata and the visible page, trusted in that order, with dates
 * normalised to UTC and implausible ones rejected.
 */
@NullMarked
package io.outsight.ingest.extract.metadata;

import org.jspecify.annotations.NullMarked;
