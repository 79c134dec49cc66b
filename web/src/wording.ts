// Words for people where the API has field names and codes.
import type { Exclusion } from './api';
import { el } from './dom';
import { formatAmount } from './units';

const SOURCE_WORDS: Record<string, string> = { onchain: 'on chain', advertised: 'advertised', measured: 'measured' };

/** Where a figure comes from, as a small badge: the chain, the engine's own claim, or the directory's probes. */
export function sourceBadge(source: string): HTMLElement {
  const words = SOURCE_WORDS[source] ?? source;
  return el('span', { class: `badge ${source}`, title: `${words} figure` }, words);
}

/** "Waiting for probes: 1 of 2 needed." (a chart before it has a line to draw). */
export function waitingFor(what: string, have: number, needed: number): string {
  return `Waiting for ${what}: ${have} of ${needed} needed.`;
}

/** An event's name as a phrase: "EngineRegistered" reads "Engine registered". */
export function eventWords(kind: string): string {
  const words = kind.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const WEI = /^[0-9]{1,78}$/;

/**
 * An excluded engine's reason, with amounts in ETH or gwei: read from the code and figures the API gives beside its
 * words, never from the words themselves; any other reason is shown in the API's words.
 */
export function exclusionWords(x: Exclusion): string {
  const amounts = x.value !== null && x.limit !== null && WEI.test(x.value) && WEI.test(x.limit);
  if (amounts && x.code === 'price_above_max') {
    return `price ${formatAmount(x.value!)} per pico-hour is above the maximum ${formatAmount(x.limit!)}`;
  }
  if (amounts && x.code === 'stake_below_min') {
    return `stake ${formatAmount(x.value!)} is below ${formatAmount(x.limit!)}`;
  }
  return x.reason;
}
