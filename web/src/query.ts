// The engines page's filters live in the URL (after #/engines?): shareable, and the back button works.

export interface EngineFilters {
  maxPrice?: string;
  minFreeCapacity?: string;
  region?: string;
  maxLatencyMs?: string;
  minStake?: string;
  minAvailability?: string;
  status?: string;
  trustList?: string;
  q?: string;
  sort?: string;
  cursor?: string;
}

export const FILTER_KEYS: (keyof EngineFilters)[] = [
  'maxPrice', 'minFreeCapacity', 'region', 'maxLatencyMs', 'minStake', 'minAvailability', 'status', 'trustList', 'q', 'sort',
  'cursor',
];

/** Filters from a hash such as "#/engines?region=eu-west&sort=-stake"; unknown and empty keys are dropped. */
export function parseFilters(hash: string): EngineFilters {
  const query = hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
  const params = new URLSearchParams(query);
  const filters: EngineFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** The hash for these filters, in a stable order. */
export function filtersHash(filters: EngineFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return '#/engines' + (query ? '?' + query : '');
}

/** The API query for these filters: the page size is the page's own choice. */
export function apiQuery(filters: EngineFilters, limit = 50): string {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return '/api/engines?' + params.toString();
}

/** Sorting by a column: the same column again flips the direction. */
export function toggleSort(current: string | undefined, column: string): string {
  if (current === column) return '-' + column;
  return column;
}

/** Wei as ether with up to 6 decimals, for people; the exact wei stays in the title. */
export function formatEther(wei: string): string {
  const value = BigInt(wei);
  if (value > 0n && value < 10n ** 12n) return '< 0.000001';
  const whole = value / 10n ** 18n;
  const fraction = (value % 10n ** 18n).toString().padStart(18, '0').slice(0, 6).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
