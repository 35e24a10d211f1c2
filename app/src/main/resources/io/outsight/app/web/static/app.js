// The dashboard page: filters in the URL, one refresh that asks the API for hits, facets and figures at once, the
// charts and the result list drawn from the answers, and an article view with every tag highlighted.

import * as echarts from '/vendor/echarts.js';
import { api, FILTERS } from './api.js';
import { countryName, crawlStatus, marketSizes, money, PALETTE, rankedBars, typesOverTime } from './charts.js';
import { escapeHtml, paragraphsHtml, safeUrl, snippetHtml, spansOf } from './text.js';

const PAGE_SIZE = 10;
const CRAWL_REFRESH_MS = 15000;
const $ = (id) => document.getElementById(id);

const state = { filters: readFilters(), from: 0, generation: 0, controller: null };
const charts = {};

/** What tests and curious users can read: the charts and the options they were last drawn with. */
window.outsightDashboard = {
  charts,
  filters: () => ({ ...state.filters }),
  option: (name) => charts[name]?.getOption(),
};

function readFilters() {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? '']));
}

function writeFilters() {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state.filters)) if (value) params.set(name, value);
  const query = params.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

function setFilter(name, value) {
  state.filters[name] = value ?? '';
  state.from = 0;
  syncInputs();
  writeFilters();
  refresh();
}

const INPUTS = { q: 'q', type: 'filter-type', country: 'filter-country', organization: 'filter-organization',
  'published-from': 'filter-from', 'published-to': 'filter-to', unique: 'filter-unique' };

/** A checkbox's filter value is 'true' or absent; other inputs carry their value. */
function inputValue(input) {
  return input.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value;
}

function syncInputs() {
  for (const [name, id] of Object.entries(INPUTS)) {
    const input = $(id);
    if (input.tagName === 'SELECT' && state.filters[name] && ![...input.options].some((o) => o.value === state.filters[name])) {
      input.add(new Option(state.filters[name], state.filters[name]));
    }
    if (input.type === 'checkbox') input.checked = state.filters[name] === 'true';
    else input.value = state.filters[name];
  }
}

function initCharts() {
  for (const element of document.querySelectorAll('[data-chart]')) {
    charts[element.dataset.chart] = echarts.init(element, null, { renderer: 'svg' });
  }
  charts.types.on('click', (p) => p.seriesName && setFilter('type', p.seriesName));
  charts.countries.on('click', (p) => p.data?.key && setFilter('country', p.data.key));
  charts.organizations.on('click', (p) => p.data?.key && setFilter('organization', p.data.key));
  charts.market.on('click', (p) => p.data?.point && openArticle(p.data.point.article_id, p.data.point.figure));
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
}

/** Draws a chart and records, on its element, how many data points it shows (0 for the empty message). */
function draw(name, option) {
  charts[name].setOption(option, true);
  const points = (option.series ?? []).reduce((n, s) => n + (s.data ?? []).filter((d) => (d?.value ?? d) !== 0).length, 0);
  const element = charts[name].getDom();
  element.dataset.points = String(points);
  element.dataset.state = points > 0 ? 'ready' : 'empty';
}

function showError(error) {
  const box = $('error');
  if (!error) {
    box.hidden = true;
    return;
  }
  box.textContent = error.message ?? String(error);
  box.hidden = false;
}

async function loadFilterOptions() {
  const answer = await api.facets({}, ['types', 'countries', 'organizations']);
  const fill = (select, buckets, label) => {
    for (const b of buckets ?? []) select.add(new Option(`${label(b.key)} (${b.count})`, b.key));
  };
  fill($('filter-type'), answer.facets.types, (k) => k);
  fill($('filter-country'), answer.facets.countries, countryName);
  const list = $('organizations');
  for (const b of answer.facets.organizations ?? []) list.append(new Option(b.key));
  syncInputs();
}

async function refresh() {
  state.controller?.abort();
  const controller = new AbortController();
  state.controller = controller;
  const generation = ++state.generation;
  document.body.dataset.loading = 'true';
  try {
    const [search, facets, figures] = await Promise.all([
      api.search(state.filters, state.from, PAGE_SIZE, controller.signal),
      api.facets(state.filters, ['types-by-month', 'countries', 'organizations', 'types'], controller.signal),
      api.marketFigures(state.filters, controller.signal),
    ]);
    if (generation !== state.generation) return;
    showError(null);
    renderKpis(search, facets, figures);
    draw('types', typesOverTime(facets.facets['types-by-month']));
    draw('countries', rankedBars(facets.facets.countries, { label: countryName, color: PALETTE[1], empty: 'No countries tagged for these filters' }));
    draw('organizations', rankedBars(facets.facets.organizations, { color: PALETTE[2], empty: 'No organisations tagged for these filters' }));
    draw('market', marketSizes(figures.points));
    renderResults(search);
    document.body.dataset.loaded = 'true';
  } catch (error) {
    if (error.name !== 'AbortError') showError(error);
  } finally {
    if (generation === state.generation) document.body.dataset.loading = 'false';
  }
}

function renderKpis(search, facets, figures) {
  const format = new Intl.NumberFormat('en');
  $('kpi-articles').textContent = format.format(search.total);
  $('kpi-countries').textContent = format.format((facets.facets.countries ?? []).length);
  $('kpi-organizations').textContent = format.format((facets.facets.organizations ?? []).length);
  $('kpi-figures').textContent = format.format(figures.points.length);
}

function chips(tags) {
  const groups = [
    ['outsourcing_type', tags?.outsourcing_types, (v) => v],
    ['country', tags?.countries, countryName],
    ['sourcing_model', tags?.sourcing_models, (v) => v],
    ['organization', tags?.organizations, (v) => v],
    ['region', tags?.regions, (v) => v],
    ['person', tags?.people, (v) => v],
  ];
  return groups.flatMap(([kind, values, label]) => (values ?? []).map(
    (v) => `<span class="tag t-${kind}" title="${escapeHtml(kind)}">${escapeHtml(label(v))}</span>`)).join('');
}

function dateOf(document) {
  const when = document.published_at ?? document.fetched_at;
  return when ? new Date(when).toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric' }) : '';
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Host and path, without the scheme or query: enough to recognise a page in a narrow column. */
function shortUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.host + (parsed.pathname === '/' ? '' : parsed.pathname);
  } catch {
    return String(url ?? '');
  }
}

function renderResults(search) {
  const total = search.total;
  $('result-total').textContent = new Intl.NumberFormat('en').format(total);
  $('result-total').dataset.total = String(total);
  const list = $('results');
  if (search.hits.length === 0) {
    list.innerHTML = '<li class="empty">No article matches these filters.</li>';
  } else {
    list.innerHTML = search.hits.map((hit) => {
      const d = hit.document;
      const title = hit.highlight?.title?.[0];
      const titleHtml = title ? escapeHtml(title).replace(/&lt;(\/?)em&gt;/g, '<$1em>') : escapeHtml(d.title || d.url);
      const site = d.site_name || hostOf(d.url);
      return `<li class="result" data-id="${escapeHtml(hit.id)}" data-types="${escapeHtml((d.tags?.outsourcing_types ?? []).join(','))}"
          data-countries="${escapeHtml((d.tags?.countries ?? []).join(','))}">
        <button type="button" class="result-title" data-open="${escapeHtml(hit.id)}">${titleHtml}</button>
        <p class="meta">${escapeHtml(site)}${site && dateOf(d) ? ' · ' : ''}${escapeHtml(dateOf(d))}
          · <a href="${escapeHtml(safeUrl(d.url))}" target="_blank" rel="noopener noreferrer">source ↗</a></p>
        <div class="chips">${chips(d.tags)}</div>
        <p class="snippet">${snippetHtml(d, hit.highlight?.text)}</p>
      </li>`;
    }).join('');
  }
  const page = Math.floor(state.from / PAGE_SIZE) + 1;
  const pages = Math.max(1, Math.ceil(Math.min(total, 10000) / PAGE_SIZE));
  $('page-info').textContent = `page ${page} of ${pages}`;
  $('prev').disabled = state.from === 0;
  $('next').disabled = state.from + PAGE_SIZE >= Math.min(total, 10000);
}

async function openArticle(id, focusFigure = null) {
  const dialog = $('article-dialog');
  $('article-title').textContent = 'Loading…';
  $('article-text').innerHTML = '';
  $('article-figures').innerHTML = '';
  $('article-tags').innerHTML = '';
  $('article-meta').textContent = '';
  if (!dialog.open) dialog.showModal();
  try {
    const { document: d } = await api.article(id);
    $('article-title').textContent = d.title || d.url;
    $('article-meta').textContent = [d.site_name || hostOf(d.url), dateOf(d), (d.authors ?? []).join(', ')]
      .filter(Boolean).join(' · ');
    $('article-link').href = safeUrl(d.url);
    $('article-tags').innerHTML = chips(d.tags);
    const spans = spansOf(d).map((s) => ({
      ...s, focus: focusFigure && s.kind === 'figure' && s.start === focusFigure.start && s.end === focusFigure.end,
    }));
    $('article-figures').innerHTML = (d.market_figures ?? []).length === 0 ? '' : `<h3>Market figures</h3><ul>${
      d.market_figures.map((f) => `<li><b>${escapeHtml(f.kind.replace(/_/g, ' '))}</b>
        ${escapeHtml(f.unit === 'percent' ? `${f.value}%` : money(f.value, f.currency))}
        ${f.year ? `<span class="muted">${f.year}</span>` : ''}
        ${f.segment ? `<span class="tag t-outsourcing_type">${escapeHtml(f.segment)}</span>` : ''}
        ${f.country ? `<span class="tag t-country">${escapeHtml(countryName(f.country))}</span>` : ''}</li>`).join('')}</ul>`;
    $('article-text').innerHTML = paragraphsHtml(d.text ?? '', spans);
    $('article-text').querySelector('mark.focus')?.scrollIntoView({ block: 'center' });
  } catch (error) {
    $('article-title').textContent = `Could not load the article: ${error.message}`;
  }
}

async function refreshCrawl() {
  try {
    const answer = await api.fetchStatus(6);
    draw('crawl', crawlStatus(answer.by_outcome));
    $('kpi-crawled').textContent = new Intl.NumberFormat('en').format(answer.total);
    $('crawl-recent').querySelector('tbody').innerHTML = answer.statuses.map((s) => {
      const failed = !['ok', 'not_modified', 'duplicate'].includes(s.outcome);
      const when = s.checked_at;
      return `<tr><td title="${escapeHtml(s.url)}">${escapeHtml(shortUrl(s.url))}</td>
        <td><span class="outcome ${failed ? 'bad' : 'good'}">${escapeHtml(s.outcome)}</span></td>
        <td>${when ? escapeHtml(new Date(when).toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit' })) : ''}</td></tr>`;
    }).join('');
  } catch (error) {
    draw('crawl', crawlStatus({}));
  }
  try {
    const health = await api.health();
    for (const dot of document.querySelectorAll('#health .dot')) {
      dot.dataset.state = health[dot.dataset.service] ?? 'down';
    }
  } catch {
    document.querySelectorAll('#health .dot').forEach((dot) => { dot.dataset.state = 'down'; });
  }
}

function bindInputs() {
  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setFilter('q', $('q').value);
  });
  for (const [name, id] of Object.entries(INPUTS)) {
    if (name !== 'q') $(id).addEventListener('change', () => setFilter(name, inputValue($(id))));
  }
  $('clear-filters').addEventListener('click', () => {
    for (const name of FILTERS) state.filters[name] = '';
    setFilter('q', '');
  });
  $('prev').addEventListener('click', () => { state.from = Math.max(0, state.from - PAGE_SIZE); refresh(); });
  $('next').addEventListener('click', () => { state.from += PAGE_SIZE; refresh(); });
  $('results').addEventListener('click', (event) => {
    const button = event.target.closest('[data-open]');
    if (button) openArticle(button.dataset.open);
  });
  $('article-dialog').addEventListener('click', (event) => {
    if (event.target === $('article-dialog')) $('article-dialog').close();
  });
}

initCharts();
bindInputs();
syncInputs();
loadFilterOptions().catch(showError);
refresh();
refreshCrawl();
setInterval(refreshCrawl, CRAWL_REFRESH_MS);
