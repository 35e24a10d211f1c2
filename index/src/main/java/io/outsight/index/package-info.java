/** The index stage: template, versioned indices behind an alias, the bulk sink from Kafka, search. */
@NullMarked
package io.outsight.index;

import org.jspecify.annotations.NullMarked;
