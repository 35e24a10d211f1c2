package io.outsight.app.cli.progress;

import java.time.Duration;
import java.util.Locale;

/** Formats a meter as one line: {@code label [######......]  45%  4512/10000  152/s  ETA 0:36}. Stateless. */
final class ProgressLine {
    private static final int BAR_WIDTH = 24;

    private ProgressLine() {}

    /** The line with a bar, for a terminal. */
    static String bar(String label, ProgressMeter meter) {
        var line = new StringBuilder(label).append(' ');
        var fraction = meter.fraction();
        if (fraction.isPresent()) {
            int filled = (int) Math.floor(fraction.getAsDouble() * BAR_WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        }
        return line.append(figures(meter)).toString();
    }

    /** The line without a bar, for logs and pipes. */
    static String plain(String label, ProgressMeter meter) {
        return label + ": " + figures(meter);
    }

    private static String figures(ProgressMeter meter) {
        var text = new StringBuilder();
        var fraction = meter.fraction();
        if (fraction.isPresent()) {
            text.append(String.format(Locale.ROOT, "%3d%%  %d/%d", (int) Math.floor(fraction.getAsDouble() * 100),
                    meter.done(), meter.total()));
        } else {
            text.append(meter.done());
        }
        var rate = meter.ratePerSecond();
        text.append("  ").append(rate.isPresent() ? rate(rate.getAsDouble()) : "-/s");
        if (fraction.isPresent()) {
            text.append("  ETA ").append(meter.eta().map(ProgressLine::duration).orElse("?"));
        } else {
            text.append("  ").append(duration(meter.elapsed())).append(" elapsed");
        }
        return text.toString();
    }

    static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        if (perSecond >= 1) {
            return String.format(Locale.ROOT, "%.1f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f/min", perSecond * 60);
    }

    /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}. */
    static String duration(Duration d) {
        long seconds = Math.max(0, d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0));
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
