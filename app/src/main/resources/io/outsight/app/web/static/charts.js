// ECharts options for the dashboard's charts, built from the API's answers. Pure functions of the data, apart from
// the formatting helpers, so each chart is easy to read and to check.

import { escapeHtml } from './text.js';

export const PALETTE = ['#4338ca', '#0d9488', '#d97706', '#db2777', '#2563eb', '#7c3aed', '#65a30d', '#dc2626',
  '#0891b2', '#9333ea', '#ca8a04', '#475569'];

const OUTCOME_COLORS = {
  ok: '#16a34a', not_modified: '#60a5fa', duplicate: '#94a3b8', robots_denied: '#f59e0b', http_4xx: '#f97316',
  http_5xx: '#dc2626', timeout: '#b91c1c', too_large: '#a855f7', not_html: '#c084fc', blocked_address: '#7f1d1d',
};

/** One colour per outsourcing type, the same in every chart and whatever the filters (codes of the taxonomy). */
const TYPE_COLORS = {
  BPO: '#4338ca', KPO: '#0d9488', ITO: '#d97706', FAO: '#db2777', HRO: '#2563eb', LPO: '#7c3aed', RPO: '#65a30d',
  EPO: '#0891b2', BTO: '#ca8a04',
};

export function typeColor(code) {
  if (TYPE_COLORS[code]) return TYPE_COLORS[code];
  let hash = 0;
  for (const c of String(code)) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

const FONT = { fontFamily: 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif', color: '#334155' };
const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function countryName(code) {
  try {
    return (regionNames && /^[A-Za-z]{2}$/.test(code) && regionNames.of(code.toUpperCase())) || code;
  } catch {
    return code;
  }
}

export function money(value, currency) {
  if (value === null || value === undefined) return '–';
  return `${currency ? currency + ' ' : ''}${compact.format(value)}`;
}

function base() {
  return { color: PALETTE, textStyle: FONT, animationDuration: 400 };
}

/** A centred message instead of axes when a chart has nothing to show. */
export function emptyOption(message) {
  return {
    ...base(),
    title: { text: message, left: 'center', top: 'middle', textStyle: { fontSize: 13, fontWeight: 'normal', color: '#94a3b8' } },
  };
}

/** Every month from the first to the last key (yyyy-MM), so gaps show as gaps. */
export function monthRange(keys) {
  if (keys.length === 0) return [];
  const sorted = [...keys].sort();
  const [y0, m0] = sorted[0].split('-').map(Number);
  const [y1, m1] = sorted[sorted.length - 1].split('-').map(Number);
  const months = [];
  for (let y = y0, m = m0; y < y1 || (y === y1 && m <= m1); m === 12 ? (y++, m = 1) : m++) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
    if (months.length > 600) break;
  }
  return months;
}

/** Stacked bars: articles per outsourcing type per month, from the types-by-month facet. */
export function typesOverTime(buckets) {
  const types = (buckets ?? []).filter((t) => (t.children ?? []).length > 0);
  if (types.length === 0) return emptyOption('No dated articles for these filters');
  const months = monthRange(types.flatMap((t) => t.children.map((c) => c.key)));
  const label = (m) => new Date(`${m}-01T00:00:00Z`).toLocaleDateString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  return {
    ...base(),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months.map(label), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } },
    series: types.map((t) => {
      const byMonth = new Map(t.children.map((c) => [c.key, c.count]));
      return {
        name: t.key, type: 'bar', stack: 'articles', barMaxWidth: 48, emphasis: { focus: 'series' },
        itemStyle: { color: typeColor(t.key) },
        data: months.map((m) => byMonth.get(m) ?? 0),
      };
    }),
  };
}

/** Horizontal bars, largest on top: for countries and organisations. */
export function rankedBars(buckets, { limit = 15, label = (k) => k, color = PALETTE[0], empty = 'Nothing tagged yet' } = {}) {
  const top = (buckets ?? []).slice(0, limit);
  if (top.length === 0) return emptyOption(empty);
  return {
    ...base(),
    tooltip: { trigger: 'item', formatter: (p) => `${escapeHtml(p.name)}<br><b>${p.value}</b> article${p.value === 1 ? '' : 's'}` },
    // A fixed label column: ECharts' containLabel misjudges truncated labels and clips their first letters.
    grid: { left: 132, right: 36, top: 8, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef2f7' } } },
    yAxis: {
      type: 'category', inverse: true, data: top.map((b) => label(b.key)),
      axisLabel: { width: 120, overflow: 'truncate', margin: 8 }, axisTick: { show: false },
    },
    series: [{
      type: 'bar', barMaxWidth: 18, itemStyle: { color, borderRadius: [0, 4, 4, 0] },
      label: { show: true, position: 'right', color: '#64748b' },
      data: top.map((b) => ({ value: b.count, name: label(b.key), key: b.key })),
    }],
  };
}

/**
 * One point per market-size figure: x the year it is about, y its value (log scale: BPO and niche segments differ
 * by orders of magnitude), one series per segment. Each point keeps its figure and article for the tooltip and the
 * click.
 */
export function marketSizes(points) {
  const usable = (points ?? []).filter((p) => Number.isFinite(p.figure?.value) && p.figure.value > 0 && Number.isInteger(p.figure?.year));
  if (usable.length === 0) return emptyOption('No market-size figures with a year for these filters');
  const bySegment = new Map();
  for (const p of usable) {
    const segment = p.figure.segment || 'Unspecified';
    if (!bySegment.has(segment)) bySegment.set(segment, []);
    bySegment.get(segment).push(p);
  }
  const years = usable.map((p) => p.figure.year);
  const values = usable.map((p) => p.figure.value);
  // Whole decades around the data: a log axis left to itself spans far more than the figures.
  const low = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values)) + (Math.max(...values) === low ? 1 : 0));
  const labelled = usable.length <= 24;
  return {
    ...base(),
    legend: { top: 0, type: 'scroll' },
    grid: { left: 72, right: 32, top: 40, bottom: 36 },
    tooltip: {
      trigger: 'item', confine: true, extraCssText: 'max-width: 360px; white-space: normal;',
      formatter: (p) => {
        const point = p.data.point;
        const f = point.figure;
        return `<div class="tip"><div class="tip-value">${escapeHtml(money(f.value, f.currency))}`
          + ` <span>${escapeHtml(f.segment || 'unspecified')} · ${f.year}</span></div>`
          + `<div class="tip-sentence">“${escapeHtml(f.text)}”</div>`
          + `<div class="tip-source">${escapeHtml(point.title || point.url)}</div>`
          + '<div class="tip-hint">Click to read the article</div></div>';
      },
    },
    xAxis: {
      type: 'value', name: 'year', nameLocation: 'middle', nameGap: 24, minInterval: 1,
      min: Math.min(...years) - 1, max: Math.max(...years) + 1,
      axisLabel: { formatter: (v) => String(v) }, splitLine: { show: false },
    },
    yAxis: {
      type: 'log', logBase: 10, min: low, max: Math.max(high, low * 10), name: 'market size (log scale)',
      nameTextStyle: { align: 'left', color: '#64748b' },
      axisLabel: { formatter: (v) => compact.format(v) }, splitLine: { lineStyle: { color: '#eef2f7' } },
    },
    series: [...bySegment.entries()].map(([segment, list]) => ({
      name: segment, type: 'scatter', symbolSize: 16, cursor: 'pointer',
      itemStyle: { color: typeColor(segment), opacity: 0.85, borderColor: '#fff', borderWidth: 1.5 },
      label: {
        show: labelled, position: 'right', color: '#334155', fontSize: 11,
        formatter: (p) => money(p.data.point.figure.value, p.data.point.figure.currency),
      },
      emphasis: { scale: 1.4 },
      data: list.map((point) => ({ value: [point.figure.year, point.figure.value], point })),
    })),
  };
}

/** A donut of fetch outcomes, successes in green and failures in warm colours. */
export function crawlStatus(byOutcome) {
  const entries = Object.entries(byOutcome ?? {});
  if (entries.length === 0) return emptyOption('Nothing crawled yet');
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  return {
    ...base(),
    tooltip: { trigger: 'item', formatter: (p) => `${escapeHtml(p.name)}: <b>${p.value}</b> (${p.percent}%)` },
    legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10 },
    title: { text: compact.format(total), subtext: 'URLs', left: '34%', top: '38%', textAlign: 'center',
      textStyle: { fontSize: 20, color: '#0f172a' }, subtextStyle: { color: '#64748b' } },
    series: [{
      type: 'pie', radius: ['52%', '78%'], center: ['35%', '50%'], avoidLabelOverlap: true,
      label: { show: false }, itemStyle: { borderColor: '#fff', borderWidth: 2 },
      data: entries.map(([outcome, count]) => ({ name: outcome, value: count, itemStyle: { color: OUTCOME_COLORS[outcome] ?? '#64748b' } })),
    }],
  };
}
