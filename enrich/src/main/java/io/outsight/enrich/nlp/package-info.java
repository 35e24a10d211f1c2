/**
 * The NLP pipeline of enrich: OpenNLP sentence detection and tokenisation (and POS tagging on request) with the
 * Apache English models from Maven Central, loaded once ({@link io.outsight.enrich.nlp.NlpModels}) and run through
 * one set of {@code *ME} instances per thread ({@link io.outsight.enrich.nlp.NlpPipeline}). Every sentence and token
 * keeps its character offsets into the analysed text.
 */
@NullMarked
package io.outsight.enrich.nlp;

import org.jspecify.annotations.NullMarked;
