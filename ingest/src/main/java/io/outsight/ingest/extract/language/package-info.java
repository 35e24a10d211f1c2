/** Identifying the language of extracted text with OpenNLP's language detector model. */
@NullMarked
package io.outsight.ingest.extract.language;

import org.jspecify.annotations.NullMarked;
