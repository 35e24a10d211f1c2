/**
 * One configuration model: declared keys with type, default and description, layered as defaults, then a file,
 * then {@code OUTSIGHT_*} environment variables, then command-line flags, validated as a whole at start-up.
 */
@NullMarked
package io.outsight.core.config;

import org.jspecify.annotations.NullMarked;
