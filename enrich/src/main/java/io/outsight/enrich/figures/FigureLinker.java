package io.outsight.enrich.figures;

import io.outsight.core.record.Entity;
import io.outsight.core.record.MarketFigure;
import io.outsight.enrich.nlp.AnalyzedText;
import io.outsight.enrich.nlp.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Joins the figures of each sentence into {@link MarketFigure} records: money (kind from the nearest cue word:
 * market_size, revenue, exports, investment, deal_value, spending, wage, savings, remittances, else money),
 * growth rates and CAGRs, market shares and headcounts; each with the year or period nearest to it, the CAGR stated
 * in the same sentence (a CAGR that is linked to an amount is not reported again on its own), the outsourcing type
 * (segment) and country the sentence is about, and the organisation it is attributed to ("according to a study by
 * …", "… estimates", "a report by …"). When a sentence names no segment or country, the previous sentence of the
 * same paragraph may, if it names exactly one. A range is reported by its low end.
 *
 * <p>Long because it is one procedure over many small cue lists. Never throws on any input; stateless and
 * thread-safe.
 */
public final class FigureLinker {
    static final String MONEY_UNIT = "currency";
    static final String PERCENT_UNIT = "percent";
    static final String PEOPLE_UNIT = "people";
    /** Amounts below this with no cue to their kind are left out: market figures are large. */
    static final double SMALL_AMOUNT = 1e6;

    static final String[][] MONEY_KINDS = {
        {"exports", "\\bexport(?:s|ed|ing| revenues?| earnings)?\\b"},
        {"revenue", "\\b(?:revenues?|sales|turnover|earn(?:ed|ings|s)?|income|top[ -]?line|billings?|generat(?:e|es|ed|ing)|receipts)\\b"},
        {"deal_value", "\\b(?:deal|deals|contract|contracts|agreement|acquisition|acquir(?:e|es|ed|ing)|bought|buy(?:s|ing)?|takeover|merger|bid|TCV|total contract value)\\b"},
        {"investment", "\\b(?:invest(?:ed|ing|s|ment|ments)?|funding|raised?|raising|capex|funds?)\\b"},
        {"spending", "\\b(?:spend(?:ing|s)?|spent|budgets?|expenditures?|outlays?)\\b"},
        {"wage", "\\b(?:salar(?:y|ies)|wages?|pay(?:s|ing)?|paid|compensation|stipends?)\\b"},
        {"savings", "\\b(?:sav(?:e|es|ed|ing|ings)|cost reductions?)\\b"},
        {"remittances", "\\bremittances?\\b"},
        {"market_size", "\\b(?:markets?|industry|industries|sector|segment|valued|worth|size|reach(?:es|ed|ing)?|touch|projected|expected|estimated|forecast|opportunity|value)\\b"},
    };
    static final Pattern[] MONEY_PATTERNS = compile(MONEY_KINDS);
    static final Pattern CAGR = Pattern.compile("(?i)\\b(?:CAGR|compound(?:ed)? annual(?: growth)?(?: rate)?|compounded annually)\\b");
    static final String[][] PERCENT_KINDS = {
        {"decline", "\\b(?:declin(?:e|ed|es|ing)|fell|fall(?:s|ing)?|drop(?:ped|s|ping)?|down|decreas(?:e|ed|es|ing)|shr[aiu]nk|contract(?:ed|ion))\\b"},
        {"growth_rate", "\\b(?:grow(?:s|th|ing|n)?|grew|increas(?:e|ed|es|ing)|ris(?:e|es|ing)|rose|up(?! to)|jump(?:ed|s)?|surg(?:e|ed|es)|expand(?:ed|s|ing)?|expansion|climb(?:ed|s)?|gain(?:ed|s)?|year[- ]on[- ]year|yoy|y-o-y|annual(?:ly)?)\\b"},
        {"market_share", "\\b(?:share|shares|accounts? for|accounted for|contribut(?:es|ed|ion|ing)|portion|proportion)\\b|^\\s*of\\b"},
    };
    static final Pattern[] PERCENT_PATTERNS = compile(PERCENT_KINDS);
    static final Pattern CLAUSE_BREAK = Pattern.compile("(?i);|,\\s+(?:while|whereas|but|although|though|and|compared with|against)\\b");
    static final Pattern GLOBAL = Pattern.compile("(?i)\\b(?:global|globally|worldwide|world's|world)\\b");
    static final Pattern CITE_BEFORE = Pattern.compile("(?i)(?:according to|as per|\\bper|citing|cited by|\\bsaid|\\bsays|\\bestimates|\\bfinds|(?:reports?|stud(?:y|ies)|surveys?|research|analysis|data|estimates?|forecasts?|figures|findings|published|conducted|released|compiled|commissioned)\\s+(?:by|from|of))"
            + "\\s+(?:(?:a|an|the|new|recent|latest|its|their|annual|global|market|research|analyst|advisory|consulting|consultancy|firm|report|study|survey|analysis|data|estimates?|forecasts?|figures|findings|by|from|of)\\s+){0,6}$");
    static final Pattern CITE_AFTER = Pattern.compile("(?i)^(?:'s|’s)?\\s*(?:[\\p{L}.-]+\\s+){0,5}?(?:said|says|estimates?|estimated|projects?|projected|forecasts?|forecasted|expects?|expected|predicts?|predicted|reports?|reported|found|finds|notes?|noted|data|study|survey|research|analysis|figures|findings|believes|shows?|showed)\\b");
    private static final Pattern CITE_CUE = Pattern.compile("(?i)according to|as per|\\breport|\\bstudy\\b|\\bsurvey|\\bresearch\\b|\\bestimat|\\bforecast|\\bprojects?\\b|\\bprojected|\\bexpects|\\bsaid\\b|\\bsays\\b|\\bdata\\b|\\bfigures\\b|\\banalysis\\b|\\bfindings\\b");
    private static final Pattern ANAPHORA = Pattern.compile("(?i)\\b(?:the (?:report|study|survey|research|analysis|data|forecast)|it (?:said|says|added|estimates|expects|projects|forecasts|found|notes)|according to (?:the|its) (?:report|study|survey|research|analysis|data))\\b");

    /**
     * For each kind of {@link #MONEY_KINDS} and {@link #PERCENT_KINDS}, words in lower case of which every match of
     * its pattern holds one (the fixed start of each alternative): a text without any cannot match, and looking for
     * them is much cheaper than trying the pattern's alternatives at every character.
     */
    static final String[][] MONEY_KIND_WORDS = {
        {"export"},
        {"revenue", "sales", "turnover", "earn", "income", "top", "billing", "generat", "receipts"},
        {"deal", "contract", "agreement", "acquisition", "acquir", "bought", "buy", "takeover", "merger", "bid", "tcv",
            "total contract value"},
        {"invest", "funding", "raise", "raising", "capex", "fund"},
        {"spend", "spent", "budget", "expenditure", "outlay"},
        {"salar", "wage", "pay", "paid", "compensation", "stipend"},
        {"sav", "cost reduction"},
        {"remittance"},
        {"market", "industr", "sector", "segment", "valued", "worth", "size", "reach", "touch", "projected", "expected",
            "estimated", "forecast", "opportunity", "value"},
    };
    static final String[][] PERCENT_KIND_WORDS = {
        {"declin", "fell", "fall", "drop", "down", "decreas", "shr", "contract"},
        {"grow", "grew", "increas", "ris", "rose", "up", "jump", "surg", "expand", "expansion", "climb", "gain", "year",
            "yoy", "y-o-y", "annual"},
        {"share", "account", "contribut", "portion", "proportion", "of"},
    };
    static final String[] CAGR_WORDS = {"cagr", "compound"};
    /** Words of which every match of {@link #CITE_BEFORE} holds one, in lower case. */
    static final String[] CITE_BEFORE_WORDS = {"according to", "per", "citing", "cited by", "said", "says",
        "estimate", "finds", "report", "stud", "survey", "research", "analysis", "data", "forecast", "figures", "findings",
        "published", "conducted", "released", "compiled", "commissioned"};

    /** Words of which every match of {@link #CITE_AFTER} holds one, in lower case. */
    static final String[] CITE_AFTER_WORDS = {"said", "says", "estimate", "project", "forecast", "expect",
        "predict", "report", "found", "finds", "note", "data", "study", "survey", "research", "analysis", "figures",
        "findings", "believes", "show"};

    /**
     * Whether the text holds one of the words (ASCII, in lower case; the text's letters in any case) where a word
     * starts: a case-insensitive pattern whose alternatives all follow a word boundary (or "^\\s*") matches only there.
     */
    static boolean holdsAnyAtWordStart(String text, String[] words) {
        for (int i = 0; i < text.length(); i++) {
            if (i > 0 && isRegexWordChar(text.charAt(i - 1))) {
                continue;
            }
            for (String w : words) {
                if (asciiStartsWithIgnoreCase(text, i, w)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether text holds the lower-case ASCII word at the offset, letters in any case (as {@code (?i)} compares). */
    private static boolean asciiStartsWithIgnoreCase(String text, int offset, String word) {
        if (offset + word.length() > text.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            char c = text.charAt(offset + k);
            char w = word.charAt(k);
            if (c != w && !(w >= 'a' && w <= 'z' && c == (char) (w - 32))) {
                return false;
            }
        }
        return true;
    }

    /** A word character for {@code \b} (ASCII, as in Java 19 and later without UNICODE_CHARACTER_CLASS). */
    private static boolean isRegexWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Whether the text, in lower case, holds one of the words. */
    static boolean holdsAny(String lower, String[] words) {
        for (String w : words) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern[] compile(String[][] kinds) {
        Pattern[] out = new Pattern[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            out[i] = Pattern.compile("(?i)" + kinds[i][1]);
        }
        return out;
    }

    /** The market figures of the analysed text, in text order. */
    public List<MarketFigure> link(AnalyzedText text, List<Entity> entities) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(entities, "entities");
        List<MarketFigure> out = new ArrayList<>();
        List<Sentence> sentences = text.sentences();
        String lastAttribution = null;
        List<List<Entity>> bySentence = bySentence(text, entities);
        for (int i = 0; i < sentences.size(); i++) {
            Sentence s = sentences.get(i);
            Sentence previous = i > 0 && sameParagraph(text.text(), sentences.get(i - 1), s) ? sentences.get(i - 1) : null;
            if (previous == null) {
                lastAttribution = null; // "the report" does not reach into another paragraph
            }
            SentenceFigures sf = new SentenceFigures(text.text(), s, bySentence.get(i),
                    previous == null ? List.of() : bySentence.get(i - 1), lastAttribution);
            out.addAll(sf.figures());
            if (sf.attribution() != null) {
                lastAttribution = sf.attribution();
            }
        }
        return out;
    }

    /**
     * The entities that lie within each sentence, in the order of the list. An entity lies within the sentence that
     * holds its start or, if it is empty and at a boundary, within the one that ends there too.
     */
    private static List<List<Entity>> bySentence(AnalyzedText text, List<Entity> entities) {
        List<Sentence> sentences = text.sentences();
        List<List<Entity>> out = new ArrayList<>(sentences.size());
        for (int i = 0; i < sentences.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (Entity e : entities) {
            int i = text.sentenceIndexAt(e.start());
            for (int k = Math.max(0, i - 1); k <= i && k < sentences.size(); k++) {
                Sentence s = sentences.get(k);
                if (e.start() >= s.start() && e.end() <= s.end()) {
                    out.get(k).add(e);
                }
            }
        }
        return out;
    }

    private static boolean sameParagraph(String text, Sentence before, Sentence after) {
        return !text.substring(before.end(), after.start()).contains("\n\n");
    }

    /** The work on one sentence. */
    private static final class SentenceFigures {
        private final String text;
        private final Sentence sentence;
        private final String stext;
        private final int offset;
        private final List<Entity> entities;
        private final List<Entity> previousEntities;
        private final @Nullable String carriedAttribution;
        private @Nullable String attribution;
        private List<int[]> anchors = List.of();

        /**
         * @param entities the entities within the sentence
         * @param previousEntities those within the previous sentence of the same paragraph (none when there is none)
         */
        SentenceFigures(String text, Sentence sentence, List<Entity> entities, List<Entity> previousEntities,
                        @Nullable String carried) {
            this.text = text;
            this.sentence = sentence;
            this.stext = text.substring(sentence.start(), sentence.end());
            this.offset = sentence.start();
            this.entities = entities;
            this.previousEntities = previousEntities;
            this.carriedAttribution = carried;
        }

        @Nullable String attribution() {
            return attribution;
        }

        List<MarketFigure> figures() {
            if (!hasDigit(stext)) {
                // every figure parser needs a digit: most sentences have none, and only their citations count
                attribution = attribution(citedOrganisations());
                return List.of();
            }
            String lower = stext.toLowerCase(Locale.ROOT);
            List<Money> money = MoneyParser.parse(stext, lower);
            List<Percent> percents = new ArrayList<>();
            for (Percent p : PercentParser.parse(stext, lower)) {
                if (money.stream().noneMatch(m -> m.start() < p.end() && p.start() < m.end())) {
                    percents.add(p);
                }
            }
            List<Headcount> heads = new ArrayList<>();
            for (Headcount h : HeadcountParser.parse(stext, lower)) {
                if (money.stream().noneMatch(m -> m.start() < h.end() && h.start() < m.end())
                        && percents.stream().noneMatch(p -> p.start() < h.end() && h.start() < p.end())) {
                    heads.add(h);
                }
            }
            List<Entity> cited = citedOrganisations();
            String attributed = attribution(cited);
            attribution = attributed;
            if (money.isEmpty() && percents.isEmpty() && heads.isEmpty()) {
                return List.of();
            }
            List<Period> periods = new ArrayList<>();
            for (Period p : PeriodParser.parse(stext, lower)) {
                boolean inside = money.stream().anyMatch(m -> m.start() < p.end() && p.start() < m.end())
                        || percents.stream().anyMatch(q -> q.start() < p.end() && p.start() < q.end())
                        || heads.stream().anyMatch(h -> h.start() < p.end() && p.start() < h.end());
                if (!inside) {
                    periods.add(p);
                }
            }
            List<int[]> anchors = new ArrayList<>();
            money.forEach(m -> anchors.add(new int[] {m.start(), m.end()}));
            percents.forEach(p -> anchors.add(new int[] {p.start(), p.end()}));
            heads.forEach(h -> anchors.add(new int[] {h.start(), h.end()}));
            anchors.sort(java.util.Comparator.comparingInt(a -> a[0]));

            this.anchors = anchors;
            Percent cagr = null;
            for (Percent p : percents) {
                if (nearCue(CAGR, CAGR_WORDS, p.start(), p.end())) {
                    cagr = p;
                    break;
                }
            }
            List<MarketFigure> out = new ArrayList<>();
            boolean cagrUsed = false;
            for (Money m : money) {
                String kind = nearestKind(MONEY_KINDS, MONEY_PATTERNS, MONEY_KIND_WORDS, m.start(), m.end(), "money");
                Period period = nearestPeriod(periods, anchors, m.start(), m.end());
                Double cagrValue = null;
                if (cagr != null && !kind.equals("deal_value") && !kind.equals("wage")) {
                    cagrValue = cagr.value();
                    cagrUsed = true;
                }
                if (kind.equals("money") && m.value() < SMALL_AMOUNT) {
                    continue; // a share price or a fee, not a market figure
                }
                String currency = m.currency().equals(MoneyParser.PESO) ? pesoCurrency() : m.currency();
                out.add(figure(kind, m.value(), MONEY_UNIT, currency, period, cagrValue, m.start(), m.end(), attributedTo(cited, attributed, m.start())));
            }
            for (Percent p : percents) {
                if (p == cagr) {
                    if (!cagrUsed) {
                        out.add(figure("growth_rate", p.value(), PERCENT_UNIT, null,
                                nearestPeriod(periods, anchors, p.start(), p.end()), p.value(), p.start(), p.end(), attributedTo(cited, attributed, p.start())));
                    }
                    continue;
                }
                String kind = nearestKind(PERCENT_KINDS, PERCENT_PATTERNS, PERCENT_KIND_WORDS, p.start(), p.end(), null);
                if (kind == null) {
                    continue;
                }
                double value = kind.equals("decline") ? -p.value() : p.value();
                out.add(figure(kind.equals("decline") ? "growth_rate" : kind, value, PERCENT_UNIT, null,
                        nearestPeriod(periods, anchors, p.start(), p.end()), null, p.start(), p.end(), attributedTo(cited, attributed, p.start())));
            }
            for (Headcount h : heads) {
                out.add(figure("headcount", h.value(), PEOPLE_UNIT, null, nearestPeriod(periods, anchors, h.start(), h.end()),
                        null, h.start(), h.end(), attributedTo(cited, attributed, h.start())));
            }
            out.sort(java.util.Comparator.comparingInt(MarketFigure::start));
            return out;
        }

        private MarketFigure figure(String kind, double value, String unit, @Nullable String currency, @Nullable Period period,
                                    @Nullable Double cagr, int start, int end, @Nullable String attributed) {
            Integer year = period == null ? null : period.year();
            Integer from = period == null ? null : period.periodStart();
            Integer to = period == null ? null : period.periodEnd();
            return new MarketFigure(kind, value, unit, currency, year, from, to, cagr, segment(start), country(start),
                    attributed, stext, offset + start, offset + end);
        }

        /** Whether the cue is within the figure's clause: 50 characters before it or 30 after. */
        private boolean nearCue(Pattern cue, String[] words, int start, int end) {
            String before = clauseBefore(start, 60);
            String after = clauseAfter(end, 30);
            return holdsAnyAtWordStart(before, words) && cue.matcher(before).find()
                    || holdsAnyAtWordStart(after, words) && cue.matcher(after).find();
        }

        /**
         * The kind whose cue is nearest before the figure in its clause (after the previous figure), else in the
         * sentence before it, else nearest after it, else the fallback.
         */
        private @Nullable String nearestKind(String[][] kinds, Pattern[] patterns, String[][] words, int start, int end,
                                             @Nullable String fallback) {
            String best = nearestBefore(kinds, patterns, words, clauseBefore(start, 200));
            if (best == null) {
                best = nearestBefore(kinds, patterns, words, stext.substring(0, start));
            }
            if (best != null) {
                return best;
            }
            String after = clauseAfter(end, 40);
            int bestDistance = Integer.MAX_VALUE;
            for (int k = 0; k < kinds.length; k++) {
                if (!holdsAnyAtWordStart(after, words[k])) {
                    continue;
                }
                Matcher m = patterns[k].matcher(after);
                if (m.find() && m.start() < bestDistance) {
                    bestDistance = m.start();
                    best = kinds[k][0];
                }
            }
            return best != null ? best : fallback;
        }

        /** A specific cue ("exports reached $5bn") beats the generic market words, even when these are nearer. */
        private static @Nullable String nearestBefore(String[][] kinds, Pattern[] patterns, String[][] words, String before) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (int k = 0; k < kinds.length; k++) {
                if (!holdsAnyAtWordStart(before, words[k])) {
                    continue; // no match, as with last == -1 below
                }
                Matcher m = patterns[k].matcher(before);
                int last = -1;
                while (m.find()) {
                    last = m.end();
                }
                boolean generic = kinds[k][0].equals("market_size");
                if (last >= 0 && (best == null || !generic) && before.length() - last < bestDistance) {
                    bestDistance = before.length() - last;
                    best = kinds[k][0];
                }
            }
            return best;
        }

        /** The sentence text before a position, after the previous figure and the last ";". */
        private String clauseBefore(int start, int max) {
            int from = Math.max(0, start - max);
            for (int[] a : anchors) {
                if (a[1] <= start && a[1] > from) {
                    from = a[1]; // cues before the previous figure are that figure's
                }
            }
            String s = stext.substring(from, start);
            int semi = s.lastIndexOf(';');
            return semi >= 0 ? s.substring(semi + 1) : s;
        }

        private String clauseAfter(int end, int max) {
            int to = Math.min(stext.length(), end + max);
            for (int[] a : anchors) {
                if (a[0] >= end && a[0] < to) {
                    to = a[0];
                }
            }
            String s = stext.substring(end, to);
            int semi = s.indexOf(';');
            return semi >= 0 ? s.substring(0, semi) : s;
        }

        /** The first period after the figure and before the next figure, else the last one before it. */
        private static @Nullable Period nearestPeriod(List<Period> periods, List<int[]> anchors, int start, int end) {
            int next = Integer.MAX_VALUE;
            int prev = -1;
            for (int[] a : anchors) {
                if (a[0] >= end && a[0] < next) {
                    next = a[0];
                }
                if (a[1] <= start && a[1] > prev) {
                    prev = a[1];
                }
            }
            for (Period p : periods) {
                if (p.start() >= end && p.start() < next) {
                    return p;
                }
            }
            Period before = null;
            for (Period p : periods) {
                if (p.end() <= start && p.start() >= prev) {
                    before = p;
                }
            }
            if (before != null) {
                return before;
            }
            // a year after the next figure may still be the only one in the sentence ("in 2024, $5bn and 7%")
            return periods.size() == 1 && anchors.size() == 1 ? periods.getFirst() : null;
        }

        private @Nullable String segment(int start) {
            String here = nearestInClause("outsourcing_type", start);
            if (here != null) {
                return here;
            }
            return single("outsourcing_type", previousEntities);
        }

        private @Nullable String country(int start) {
            String here = nearestInClause("country", start);
            if (here != null) {
                return here;
            }
            if (global() || entities.stream().anyMatch(e -> e.type().equals("region"))) {
                return null;
            }
            return single("country", previousEntities);
        }

        /**
         * The entity of the type in the figure's clause (cut at ";" and at ", while", ", but" and the like), else in
         * its sentence: the nearest before the figure, since a sentence names its subject first ("India's BPO market
         * is worth $X"), else the nearest after it.
         */
        private @Nullable String nearestInClause(String type, int start) {
            int from = 0;
            int to = stext.length();
            int[] breaks = clauseBreaks();
            for (int i = 0; i < breaks.length; i += 2) {
                if (breaks[i + 1] <= start) {
                    from = breaks[i + 1];
                } else if (breaks[i] >= start) {
                    to = Math.min(to, breaks[i]);
                }
            }
            int lo = offset + from;
            int hi = offset + to;
            String here = nearest(type, entities.stream().filter(e -> e.start() >= lo && e.end() <= hi).toList(), offset + start);
            return here != null ? here : nearest(type, entities, offset + start);
        }

        /** [start, end) of each clause break of the sentence ({@link #CLAUSE_BREAK}), found once per sentence. */
        private int @Nullable [] clauseBreaks;
        private @Nullable Boolean global;

        private int[] clauseBreaks() {
            if (clauseBreaks == null) {
                List<Integer> found = new ArrayList<>();
                Matcher m = CLAUSE_BREAK.matcher(stext);
                while ((stext.indexOf(';') >= 0 || stext.indexOf(',') >= 0) && m.find()) {
                    found.add(m.start());
                    found.add(m.end());
                }
                clauseBreaks = found.stream().mapToInt(Integer::intValue).toArray();
            }
            return clauseBreaks;
        }

        /** Whether the sentence speaks of the world ({@link #GLOBAL}), found once per sentence. */
        private boolean global() {
            if (global == null) {
                String lower = stext.toLowerCase(Locale.ROOT);
                global = (lower.contains("global") || lower.contains("world")) && GLOBAL.matcher(stext).find();
            }
            return global;
        }

        /** The entity of the type nearest before the position, else nearest after it. */
        private static @Nullable String nearest(String type, List<Entity> list, int position) {
            Entity before = null;
            Entity after = null;
            for (Entity e : list) {
                if (!e.type().equals(type)) {
                    continue;
                }
                if (e.end() <= position) {
                    before = e;
                } else if (after == null) {
                    after = e;
                }
            }
            return before != null ? before.canonical() : after != null ? after.canonical() : null;
        }

        /** The canonical value when the list holds exactly one distinct value of the type. */
        private static @Nullable String single(String type, List<Entity> list) {
            List<String> values = list.stream().filter(e -> e.type().equals(type)).map(Entity::canonical).distinct().toList();
            return values.size() == 1 ? values.getFirst() : null;
        }

        private String pesoCurrency() {
            List<String> countries = new ArrayList<>();
            entities.stream().filter(e -> e.type().equals("country")).forEach(e -> countries.add(e.canonical()));
            previousEntities.stream().filter(e -> e.type().equals("country")).forEach(e -> countries.add(e.canonical()));
            for (String c : countries) {
                switch (c) {
                    case "MX": return "MXN";
                    case "CO": return "COP";
                    case "AR": return "ARS";
                    case "CL": return "CLP";
                    case "PH": return "PHP";
                    default: break;
                }
            }
            return "PHP"; // the peso of outsourcing news is the Philippine one
        }

        /** What the sentence attributes its figures to: the first organisation it cites, or what "the report" is. */
        private @Nullable String attribution(List<Entity> cited) {
            return cited.isEmpty() ? (carriedAttribution != null && ANAPHORA.matcher(stext).find() ? carriedAttribution : null)
                    : cited.getFirst().canonical();
        }

        private static boolean hasDigit(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    return true;
                }
            }
            return false;
        }

        /** The organisations the sentence cites ("according to …", "… said"), those after "according to" first. */
        private List<Entity> citedOrganisations() {
            List<Entity> according = new ArrayList<>();
            List<Entity> other = new ArrayList<>();
            for (Entity e : entities) {
                if (!e.type().equals("organization")) {
                    continue;
                }
                int s = e.start() - offset;
                int en = e.end() - offset;
                String before = stext.substring(Math.max(0, s - 80), s);
                String after = stext.substring(en, Math.min(stext.length(), en + 50));
                if (holdsAny(before.toLowerCase(Locale.ROOT), CITE_BEFORE_WORDS) && CITE_BEFORE.matcher(before).find()
                        || holdsAny(after.toLowerCase(Locale.ROOT), CITE_AFTER_WORDS) && CITE_AFTER.matcher(after).find()) {
                    (before.toLowerCase(java.util.Locale.ROOT).contains("according to") ? according : other).add(e);
                }
            }
            according.addAll(other);
            return according;
        }

        /**
         * The source of one figure: the organisation cited with "according to" when there is one, else the cited
         * organisation nearest to the figure, else what "the report" refers back to.
         */
        private @Nullable String attributedTo(List<Entity> cited, @Nullable String fallback, int start) {
            if (cited.isEmpty()) {
                return fallback;
            }
            int position = offset + start;
            Entity first = cited.getFirst();
            String before = stext.substring(Math.max(0, first.start() - offset - 80), first.start() - offset);
            if (before.toLowerCase(java.util.Locale.ROOT).contains("according to")) {
                return first.canonical();
            }
            Entity best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (Entity e : cited) {
                int distance = e.end() <= position ? position - e.end() : e.start() - position;
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = e;
                }
            }
            return best.canonical();
        }
    }
}
