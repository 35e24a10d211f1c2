package io.outsight.app.cli.progress;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Shows the progress of one piece of long work on stderr: a bar redrawn in place with rate and ETA when stderr is
 * a terminal, a plain line every ten seconds when it is not (logs, pipes), nothing when the command prints data
 * for scripts ({@code --json}) or was asked to be quiet. Messages printed through {@link #println} appear above
 * the bar. Closing it ends the bar's line. Thread-safe: work may be counted from several threads.
 */
public final class Progress implements AutoCloseable {
    /** How progress is shown. */
    public enum Mode {
        /** A bar redrawn in place with a carriage return. */
        BAR,
        /** A plain line now and then. */
        LINES,
        /** Nothing (messages still print). */
        OFF;

        /** BAR on an interactive terminal, LINES elsewhere, OFF for {@code --json} or {@code --quiet}. */
        public static Mode detect(boolean json, boolean quiet) {
            if (json || quiet) {
                return OFF;
            }
            return interactiveTerminal() ? BAR : LINES;
        }
    }

    static final long BAR_INTERVAL_NANOS = 100_000_000L;
    static final long LINE_INTERVAL_NANOS = 10_000_000_000L;

    private final String label;
    private final ProgressMeter meter;
    private final Mode mode;
    private final PrintWriter err;
    private final LongSupplier nanoClock;
    private long lastDrawn;
    private int drawnWidth;
    private boolean closed;

    /**
     * @param label what is being done ("reprocess", "fetching")
     * @param total units of work expected; 0 when unknown
     * @param err where to draw (the command's stderr)
     * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public Progress(String label, long total, Mode mode, PrintWriter err, LongSupplier nanoClock) {
        this.label = Objects.requireNonNull(label, "label");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.err = Objects.requireNonNull(err, "err");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.meter = new ProgressMeter(total, nanoClock);
        this.lastDrawn = nanoClock.getAsLong();
        if (mode == Mode.BAR) {
            draw();
        }
    }

    /** With the system clock. */
    public static Progress start(String label, long total, Mode mode, PrintWriter err) {
        return new Progress(label, total, mode, err, System::nanoTime);
    }

    public ProgressMeter meter() {
        return meter;
    }

    /** Counts units of work done and redraws if it is time. */
    public void advance(long units) {
        meter.advance(units);
        refresh();
    }

    /** Sets the work done so far and redraws if it is time. */
    public void set(long units) {
        meter.set(units);
        refresh();
    }

    /** Changes the expected total (0: unknown). */
    public void total(long units) {
        meter.total(units);
        refresh();
    }

    /** Prints a message on its own line, above the bar. */
    public synchronized void println(String message) {
        clear();
        err.println(message);
        if (mode == Mode.BAR && !closed) {
            draw();
        }
        err.flush();
    }

    private synchronized void refresh() {
        if (closed || mode == Mode.OFF) {
            return;
        }
        long now = nanoClock.getAsLong();
        long interval = mode == Mode.BAR ? BAR_INTERVAL_NANOS : LINE_INTERVAL_NANOS;
        if (now - lastDrawn < interval) {
            return;
        }
        lastDrawn = now;
        if (mode == Mode.BAR) {
            draw();
        } else {
            err.println("outsight: " + ProgressLine.plain(label, meter));
        }
        err.flush();
    }

    /** Draws the bar over the previous one; spaces erase a longer previous line (no escape codes needed). */
    private void draw() {
        String line = ProgressLine.bar(label, meter);
        err.print('\r' + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
        drawnWidth = line.length();
        err.flush();
    }

    private void clear() {
        if (mode == Mode.BAR && drawnWidth > 0) {
            err.print('\r' + " ".repeat(drawnWidth) + '\r');
            drawnWidth = 0;
        }
    }

    /** Draws the final state and ends the bar's line; a plain line is not repeated. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (mode == Mode.BAR) {
            draw();
            err.println();
            err.flush();
        }
    }

    /**
     * Whether stderr is likely an interactive terminal. Java cannot ask about stderr alone: a console on stdin and
     * stdout is the best sign available. Since JDK 22 {@link System#console()} exists even when redirected, so
     * {@code Console.isTerminal()} (JDK 22+) is asked too, by reflection because the code targets Java 21.
     */
    static boolean interactiveTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }
}
