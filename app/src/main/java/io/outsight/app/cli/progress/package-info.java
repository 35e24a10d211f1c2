/**
 * Progress of long command-line work (ingesting many URLs, reprocess, run): a bar with rate and ETA on a terminal,
 * an occasional plain line otherwise, nothing with {@code --json} or {@code --quiet}. Always on stderr, so stdout
 * stays data.
 */
@NullMarked
package io.outsight.app.cli.progress;

import org.jspecify.annotations.NullMarked;
