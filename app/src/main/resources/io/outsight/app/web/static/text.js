// Rendering article text with its tags highlighted. Article text is third-party content: everything that comes
// from a document is escaped; the only markup is the <mark>/<em> this module adds itself.

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Only http(s) links are followed: a document's URL must not become a javascript: link. */
export function safeUrl(url) {
  try {
    const parsed = new URL(String(url ?? ''), window.location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '#';
  } catch {
    return '#';
  }
}

/** The spans to mark in an article: its entities and its market figures, as {start, end, kind, label}. */
export function spansOf(document) {
  const spans = [];
  for (const e of document.entities ?? []) {
    spans.push({ start: e.start, end: e.end, kind: e.type, label: `${e.type}: ${e.canonical}` });
  }
  for (const f of document.market_figures ?? []) {
    spans.push({ start: f.start, end: f.end, kind: 'figure', label: `${f.kind}${f.segment ? ' · ' + f.segment : ''}` });
  }
  return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start);
}

/**
 * HTML for text[from, to) with the spans marked and the ranges in `emphasis` (search-term matches) in <em>.
 * Overlapping spans are cut at every boundary, so each piece carries the innermost (shortest) span over it.
 */
export function highlight(text, spans, from = 0, to = text.length, emphasis = []) {
  const cuts = new Set([from, to]);
  const inside = (x) => x > from && x < to;
  for (const s of spans) { if (inside(s.start)) cuts.add(s.start); if (inside(s.end)) cuts.add(s.end); }
  for (const r of emphasis) { if (inside(r.start)) cuts.add(r.start); if (inside(r.end)) cuts.add(r.end); }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    let piece = escapeHtml(text.slice(a, b));
    if (emphasis.some((r) => r.start <= a && r.end >= b)) piece = `<em>${piece}</em>`;
    const covering = spans.filter((s) => s.start <= a && s.end >= b).sort((x, y) => (x.end - x.start) - (y.end - y.start));
    if (covering.length > 0) {
      const s = covering[0];
      const focus = s.focus ? ' focus' : '';
      piece = `<mark class="tag t-${escapeHtml(s.kind)}${focus}" title="${escapeHtml(s.label)}">${piece}</mark>`;
    }
    html += piece;
  }
  return html;
}

/** The whole text as paragraphs (separated by blank lines in the record), tags marked. */
export function paragraphsHtml(text, spans) {
  const parts = [];
  let offset = 0;
  for (const paragraph of text.split('\n\n')) {
    parts.push(`<p>${highlight(text, spans, offset, offset + paragraph.length)}</p>`);
    offset += paragraph.length + 2;
  }
  return parts.join('');
}

/**
 * A snippet of a search hit with its tags marked. When the search matched words, Elasticsearch's highlighted
 * fragment is found in the text, so both its <em> matches and the tags' offsets apply; otherwise the snippet
 * opens on the first tagged sentence.
 */
export function snippetHtml(document, fragments, length = 320) {
  const text = document.text ?? '';
  const spans = spansOf(document);
  for (const fragment of fragments ?? []) {
    const plain = fragment.replace(/<\/?em>/g, '');
    const at = text.indexOf(plain);
    if (at < 0) continue;
    const emphasis = [];
    const re = /<em>(.*?)<\/em>/g;
    let removed = 0;
    let m;
    while ((m = re.exec(fragment)) !== null) {
      const start = at + m.index - removed;
      emphasis.push({ start, end: start + m[1].length });
      removed += 9; // <em></em>
    }
    return ellipsis(at > 0) + highlight(text, spans, at, at + plain.length, emphasis) + ellipsis(at + plain.length < text.length);
  }
  const first = spans.length > 0 ? Math.min(...spans.map((s) => s.start)) : 0;
  const dot = text.lastIndexOf('. ', first);
  let start = dot < 0 ? 0 : dot + 2;
  if (start > first || first - start > length / 2) start = Math.max(0, first - 40);
  const end = Math.min(text.length, start + length);
  return ellipsis(start > 0) + highlight(text, spans, start, end) + ellipsis(end < text.length);
}

function ellipsis(show) {
  return show ? '<span class="ellipsis">…</span>' : '';
}
