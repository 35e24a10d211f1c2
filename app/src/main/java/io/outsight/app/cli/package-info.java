/** The {@code outsight} command line: one picocli command per subcommand, sharing the configuration options. */
@NullMarked
package io.outsight.app.cli;

import org.jspecify.annotations.NullMarked;
