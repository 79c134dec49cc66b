import { ApiError, EnginePage, EngineSummary, getJson } from '../api';
import { el, endpointLink, visible } from '../dom';
import { amountField, readAmount } from '../amount';
import { sourceBadge } from '../wording';
import { apiQuery, EngineFilters, filtersHash, toggleSort } from '../query';
import { exactAmount, formatAmount } from '../units';

const COLUMNS: { key: string; label: string; sort?: string; field: keyof EngineSummary }[] = [
  { key: 'endpoint', label: 'Endpoint', field: 'endpoint' },
  { key: 'region', label: 'Region', field: 'region' },
  { key: 'status', label: 'Status', field: 'status' },
  { key: 'pricePerHourWei', label: 'Price per pico-hour', sort: 'price', field: 'pricePerHourWei' },
  { key: 'stakeWei', label: 'Stake', sort: 'stake', field: 'stakeWei' },
  { key: 'freeCapacity', label: 'Free slots', sort: 'capacity', field: 'freeCapacity' },
  { key: 'advertisedLatencyMs', label: 'Claimed latency (ms)', field: 'advertisedLatencyMs' },
  { key: 'measuredLatencyP50Ms', label: 'Measured latency (ms)', sort: 'latency', field: 'measuredLatencyP50Ms' },
  { key: 'availability', label: 'Availability', sort: 'availability', field: 'availability' },
];

/** The engines page: filters (kept in the URL), a sortable table, and the next page on demand. */
export async function renderEngines(root: HTMLElement, filters: EngineFilters, signal: AbortSignal): Promise<void> {
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading engines…');
  root.replaceChildren(el('h1', {}, 'Engines'), filterForm(filters), status);
  try {
    const page = await getJson<EnginePage>(apiQuery(filters), signal);
    status.textContent = page.engines.length === 0 ? 'No engine matches these filters.' : '';
    if (page.engines.length > 0) root.append(table(page, filters));
    performance.mark('first-rows');
    if (page.nextCursor) {
      root.append(el('a', { class: 'next', href: filtersHash({ ...filters, cursor: page.nextCursor }) }, 'Next page →'));
    }
  } catch (error) {
    if (signal.aborted) return;
    status.className = 'status error';
    status.textContent = error instanceof ApiError ? error.message : 'The directory cannot be reached.';
  }
}

function filterForm(filters: EngineFilters): HTMLFormElement {
  const field = (name: keyof EngineFilters, label: string, type = 'text') =>
    el('label', {}, label, el('input', { name, type, value: filters[name] ?? '', inputmode: type === 'number' ? 'decimal' : undefined }));
  const wei = (value?: string) => (value && /^\d{1,78}$/.test(value) ? BigInt(value) : undefined);
  const problem = el('p', { class: 'status error', role: 'alert', hidden: '' });
  const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Filter engines' },
    field('q', 'Search'),
    field('region', 'Region'),
    amountField('maxPrice', 'Max price per pico-hour', { wei: wei(filters.maxPrice), placeholder: 'any' }),
    field('minFreeCapacity', 'Min free slots', 'number'),
    field('maxLatencyMs', 'Max measured latency (ms)', 'number'),
    amountField('minStake', 'Min stake', { wei: wei(filters.minStake), placeholder: 'any' }),
    field('minAvailability', 'Min availability (0-1)', 'number'),
    field('trustList', 'On trust list (id)', 'number'),
    el('label', {}, 'Status', statusSelect(filters.status)),
    el('button', { type: 'submit' }, 'Apply'), problem);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next: EngineFilters = { sort: filters.sort };
    for (const [key, value] of data.entries()) {
      if (typeof value === 'string' && value.trim() && !key.endsWith('-unit')) (next as Record<string, string>)[key] = value.trim();
    }
    try {
      // the API and the URL take wei; people type ETH or gwei
      for (const key of ['maxPrice', 'minStake'] as const) next[key] = readAmount(data, key)?.toString();
    } catch (error) {
      problem.textContent = (error as Error).message;
      problem.hidden = false;
      return;
    }
    location.hash = filtersHash(next);
  });
  return form;
}

function statusSelect(current?: string): HTMLSelectElement {
  const select = el('select', { name: 'status' }, el('option', { value: '' }, 'any'));
  for (const status of ['listed', 'pending', 'unbonding', 'delisted', 'slashed']) {
    select.append(el('option', { value: status, selected: status === current ? '' : undefined }, status));
  }
  return select;
}

function table(page: EnginePage, filters: EngineFilters): HTMLTableElement {
  const header = el('tr', {}, ...COLUMNS.map((c) => {
    const source = page.provenance[c.field as string];
    const label = el('span', {}, c.label, source ? sourceBadge(source) : null);
    if (!c.sort) return el('th', { scope: 'col' }, label);
    const active = filters.sort === c.sort || filters.sort === '-' + c.sort;
    const href = filtersHash({ ...filters, cursor: undefined, sort: toggleSort(filters.sort, c.sort) });
    return el('th', { scope: 'col', 'aria-sort': active ? (filters.sort!.startsWith('-') ? 'descending' : 'ascending') : undefined },
      el('a', { href, class: 'sort' }, label));
  }));
  const rows = page.engines.map((e) => el('tr', { 'data-engine': String(e.id) },
    el('td', {}, endpointLink(e.endpoint), el('div', { class: 'did' }, visible(e.did)),
      el('a', { class: 'details', href: `#/engines/${e.id}` }, `Engine ${e.id} details`)),
    cell('Region', {}, visible(e.region)),
    cell('Status', {}, el('span', { class: `pill ${e.status}` }, e.status)),
    cell('Price per pico-hour', { class: 'num', title: exactAmount(e.pricePerHourWei) }, formatAmount(e.pricePerHourWei)),
    cell('Stake', { class: 'num', title: exactAmount(e.stakeWei) }, formatAmount(e.stakeWei)),
    cell('Free slots', { class: 'num' }, `${e.freeCapacity} of ${e.capacity}`),
    cell('Claimed latency', { class: 'num' }, `${e.advertisedLatencyMs} ms`),
    cell('Measured latency', { class: 'num' }, e.measuredLatencyP50Ms === null ? 'not measured yet' : `${e.measuredLatencyP50Ms} ms`),
    cell('Availability', { class: 'num' }, e.availability === null ? 'not measured yet' : `${Math.round(e.availability * 1000) / 10} %`)));
  return el('table', { class: 'engines' }, el('caption', {}, 'Engines matching the filters'),
    el('thead', {}, header), el('tbody', {}, ...rows));
}

/**
 * A cell that names its column too: on a phone the table becomes one card per engine and the header row is hidden,
 * so each value carries its label (hidden from screen readers, which announce the column header already).
 */
function cell(label: string, attrs: Record<string, string>, ...content: (Node | string)[]): HTMLTableCellElement {
  return el('td', attrs, el('span', { class: 'cell-label', 'aria-hidden': 'true' }, label), ...content);
}
