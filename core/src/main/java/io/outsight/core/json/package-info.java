/** The one JSON codec for the records: snake_case, a {@code schema_version} field, clear errors. */
@NullMarked
package io.outsight.core.json;

import org.jspecify.annotations.NullMarked;
