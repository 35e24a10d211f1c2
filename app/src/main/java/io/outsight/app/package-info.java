/** The {@code outsight} application: entry point; wires the stages together. */
@NullMarked
package io.outsight.app;

import org.jspecify.annotations.NullMarked;
