// The HTTP API of the server that serves this page (same origin): /search, /facets, /market-figures,
// /articles/{id}, /fetch-status, /health. Errors come back as {"error": "..."}.

/** The filters the page knows, by API parameter name. Other parameters the API gains need no change here. */
export const FILTERS = ['q', 'type', 'country', 'organization', 'published-from', 'published-to', 'unique'];

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** A query string from a map of parameters; empty values are left out. */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && String(v).trim() !== '') search.append(name, String(v).trim());
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function getJson(path, params = {}, signal = undefined) {
  const response = await fetch(path + queryString(params), { headers: { Accept: 'application/json' }, signal });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? `${path} answered HTTP ${response.status}`);
  }
  return body;
}

export const api = {
  search: (filters, from, size, signal) => getJson('/search', { ...filters, from, size }, signal),
  facets: (filters, facets, signal) => getJson('/facets', { ...filters, facet: facets }, signal),
  marketFigures: (filters, signal) => getJson('/market-figures', { ...filters, 'figure-kind': 'market_size' }, signal),
  article: (id) => getJson(`/articles/${encodeURIComponent(id)}`),
  fetchStatus: (size, signal) => getJson('/fetch-status', { size }, signal),
  health: async () => {
    // 503 still carries which server is down.
    const response = await fetch('/health', { headers: { Accept: 'application/json' } });
    return response.json();
  },
};
