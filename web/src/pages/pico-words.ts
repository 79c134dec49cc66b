// A pico's policy, rent and decisions in words. Every string here may come from a stranger (a host or the chain):
// these functions only build text, which the page puts in text nodes.
import type { PicoStay, PlacementDecision, PlacementPolicy } from '../api';
import { visible } from '../dom';

const GWEI = 10n ** 9n;
const ETH = 10n ** 18n;

/** An amount of wei for people: ETH from a thousandth of an ether up, gwei below that, wei below a gwei. */
export function amount(wei: string): string {
  if (!/^[0-9]{1,78}$/.test(wei)) return `${visible(wei.slice(0, 80))} (not an amount)`;
  const value = BigInt(wei);
  if (value >= ETH / 1000n || value === 0n) return `${decimals(value, 18, 6)} ETH`;
  if (value >= GWEI) return `${decimals(value, 9, 3)} gwei`;
  return `${value} wei`;
}

/** An exact decimal ETH string (as the directory gives rent) cut to 6 decimals; a dust amount says so. */
export function ether(eth: string): string {
  const match = /^([0-9]{1,60})(?:\.([0-9]{1,18}))?$/.exec(eth);
  if (!match) return `${visible(eth.slice(0, 80))} (not an amount)`;
  const wei = BigInt(match[1]) * ETH + BigInt((match[2] ?? '').padEnd(18, '0'));
  if (wei > 0n && wei < 10n ** 12n) return '< 0.000001 ETH';
  return `${decimals(wei, 18, 6)} ETH`;
}

function decimals(value: bigint, scale: number, keep: number): string {
  const unit = 10n ** BigInt(scale);
  const whole = (value / unit).toLocaleString('en-US');
  const fraction = (value % unit).toString().padStart(scale, '0').slice(0, keep).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** Seconds as the largest whole unit that fits: 90 s, 10 min, 2 h, 1 day. */
export function duration(seconds: number): string {
  const units: [number, string, string][] = [[86_400, 'day', 'days'], [3600, 'h', 'h'], [60, 'min', 'min']];
  for (const [size, one, many] of units) {
    if (seconds >= size && seconds % size === 0) return `${seconds / size} ${seconds === size ? one : many}`;
  }
  return `${seconds} s`;
}

/** An instant as people read it, in UTC to the second; a malformed one as visible text. */
export function when(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? visible(iso.slice(0, 40)) : new Date(time).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

const FACTOR_NAMES: Record<string, string> = {
  cost: 'a low price', latency: 'low latency', availability: 'high availability', stake: 'a large stake',
  freeCapacity: 'free capacity',
};

/** The hard constraints as sentences; none gives one sentence saying any engine with room will do. */
export function constraintLines(policy: PlacementPolicy): string[] {
  const c = policy.constraints ?? null;
  const lines: string[] = [];
  if (c?.maxPrice != null) lines.push(`Pays at most ${amount(c.maxPrice)} per pico-hour.`);
  if (c?.minStake != null) lines.push(`Its host must stake at least ${amount(c.minStake)}.`);
  if (c?.regions?.length) lines.push(`Its host must be in ${list(c.regions.map((r) => `"${visible(r)}"`), 'or')}.`);
  if (c?.maxLatencyMs != null) lines.push(`Its host's measured median latency must be at most ${c.maxLatencyMs} ms.`);
  if (c?.minAvailability != null) {
    lines.push(`Its host's measured availability must be at least ${+(c.minAvailability * 100).toFixed(3)}%.`);
  }
  const trust = [...(c?.trustList != null ? [c.trustList] : []), ...(c?.trustLists ?? [])];
  if (trust.length) lines.push(`Its host must be on trust list${trust.length > 1 ? 's' : ''} ${list(trust.map(String), 'and')}.`);
  if (c?.minFreeCapacity != null && c.minFreeCapacity !== 1) {
    lines.push(`Its host must have at least ${c.minFreeCapacity} free slot${c.minFreeCapacity === 1 ? '' : 's'}.`);
  }
  const excluded = c?.excludeEngines ?? [];
  if (excluded.length) {
    const shown = excluded.slice(0, 20).map((id) => `engine ${id}`);
    lines.push(`Never ${list(excluded.length > 20 ? [...shown, `${excluded.length - 20} more`] : shown, 'or')}.`);
  }
  return lines.length ? lines : ['No hard constraints: any listed engine with a free slot will do.'];
}

/** What the pico prefers among the engines that pass, as shares of its weights, largest first. */
export function weightLine(policy: PlacementPolicy): string {
  const weights = Object.entries(policy.weights ?? {})
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0 && entry[0] in FACTOR_NAMES);
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  if (!total) return 'It weighs nothing: every engine that passes is as good as another.';
  const parts = weights.sort((a, b) => b[1] - a[1])
    .map(([name, w]) => `${FACTOR_NAMES[name]} (${Math.round((w / total) * 100)}%)`);
  return `Among those, it prefers ${list(parts, 'and')}.`;
}

/** When it may move: the margin, the sustained time, the budget and the cool-down. */
export function movesLine(policy: PlacementPolicy): string {
  const m = policy.moves;
  const margin = policy.hysteresis == null ? '' : ` by more than ${+(policy.hysteresis * 100).toFixed(2)}% of the score`;
  const parts = [`It moves only when another engine is better${margin}`];
  if (m?.sustainedSeconds != null) parts[0] += ` for ${duration(m.sustainedSeconds)} in a row`;
  if (m?.maxMoves != null && m.windowSeconds != null) {
    parts.push(`at most ${m.maxMoves} move${m.maxMoves === 1 ? '' : 's'} in any ${duration(m.windowSeconds)}`);
  }
  if (m?.cooldownSeconds) parts.push(`never two moves within ${duration(m.cooldownSeconds)}`);
  return `${parts.join('; ')}.`;
}

function list(items: string[], last: string): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/**
 * The host's decision behind each move out of a stay, matched by the engines it names: the n-th move from engine A
 * to engine B gets the n-th decision (oldest first) that says A to B; a stay no decision names gets none.
 */
export function moveReasons(history: PicoStay[], decisions: PlacementDecision[]): Map<number, PlacementDecision> {
  const byLease = new Map(history.map((stay) => [stay.leaseId, stay]));
  const unused = decisions.filter((d) => d.kind !== 'stayed').reverse();
  const reasons = new Map<number, PlacementDecision>();
  for (const stay of history) {
    const next = stay.movedToLease === null ? undefined : byLease.get(stay.movedToLease);
    if (!next) continue;
    const index = unused.findIndex((d) => d.to === String(next.engineId) && (d.from === null || d.from === String(stay.engineId)));
    if (index >= 0) reasons.set(stay.leaseId, unused.splice(index, 1)[0]);
  }
  return reasons;
}
