import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ApiError, ChainEvent, EngineDetails, getJson } from '../api';
import { type Advert, checkAdvert } from '../advert';
import { el, endpointLink, visible } from '../dom';
import { eventWords, sourceBadge, waitingFor } from '../wording';
import { exactAmount, formatAmount } from '../units';

/** Samples a chart needs before it means anything: a line needs two points. */
const CHART_MIN_SAMPLES = 2;

/** One engine: its advert, claimed vs measured latency over time, stake and challenges, leases, the hash check. */
export async function renderEngine(root: HTMLElement, id: string, signal: AbortSignal): Promise<void> {
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading the engine…');
  root.replaceChildren(el('p', {}, el('a', { href: '#/engines' }, '← Engines')), status);
  if (!/^\d{1,18}$/.test(id)) {
    status.className = 'status error';
    status.textContent = `"${id}" is not an engine id.`;
    return;
  }
  try {
    const engine = await getJson<EngineDetails>(`/api/engines/${id}`, signal);
    status.remove();
    root.append(...sections(engine));
    drawLatency(root.querySelector<HTMLElement>('#latency-chart')!, engine);
    drawAvailability(root.querySelector<HTMLElement>('#availability-chart')!, engine);
  } catch (error) {
    if (signal.aborted) return;
    status.className = 'status error';
    status.textContent = error instanceof ApiError ? error.message : 'The directory cannot be reached.';
  }
}

function sections(e: EngineDetails): Node[] {
  const s = e.summary;
  const checked = checkAdvert(e);
  // Shown from the bytes that were hashed; the summary's text (NUL as U+FFFD) only when they are no advert.
  const a: Advert = checked.advert ?? { endpoint: s.endpoint, did: s.did, pricePerHour: BigInt(s.pricePerHourWei),
    latencyMs: s.advertisedLatencyMs, capacity: s.capacity, region: s.region, metadataCid: e.metadataCid,
    encryptionKey: e.encryptionKey as `0x${string}` };
  const verified = checked.verified;
  return [
    el('h1', {}, `Engine ${s.id}`, ' ', el('span', { class: `pill ${s.status}` }, s.status)),
    el('dl', { class: 'facts' },
      fact('Endpoint', endpointLink(a.endpoint), 'advertised'),
      fact('DID', visible(a.did), 'advertised'),
      fact('Region', a.region ? visible(a.region) : '—', 'advertised'),
      a.metadataCid ? fact('Metadata (CID)', visible(a.metadataCid), 'advertised') : null,
      fact('Operator (cold key)', e.keys.operator, 'onchain'),
      fact('Agent (hot key)', e.keys.agent, 'onchain'),
      fact('Payouts go to', e.keys.payout, 'onchain'),
      e.keys.pendingOperator ? fact('Operator role offered to', e.keys.pendingOperator, 'onchain') : null,
      fact('Agent encryption key (X25519)', el('code', {}, a.encryptionKey), 'advertised'),
      e.halted ? fact('Halted', 'yes: its stake fell below the minimum; its leases stopped earning', 'onchain') : null,
      e.openChallenges > 0 ? fact('Open challenges', String(e.openChallenges), 'onchain') : null,
      fact('Price per pico-hour', amount(a.pricePerHour), 'onchain'),
      fact('Stake', amount(s.stakeWei), 'onchain'),
      fact('Unbonding', amount(String(e.unbonding.value ?? 0)), 'onchain'),
      fact('Slashed', amount(String(e.slashed.value ?? 0)), 'onchain'),
      fact('Slots', `${s.activeLeases} leased of ${a.capacity}`, 'onchain'),
      fact('Latency claimed', `${a.latencyMs} ms`, 'advertised'),
      fact('Latency measured (median, 24 h)', s.measuredLatencyP50Ms === null ? 'not measured yet' : `${s.measuredLatencyP50Ms} ms`, 'measured'),
      fact('Availability (24 h)', s.availability === null ? 'not measured yet' : `${Math.round(s.availability * 1000) / 10} %`, 'measured')),
    el('p', { class: verified ? 'verify ok' : 'verify bad', 'data-verified': String(verified) },
      verified ? '✓ This advert hashes to what the chain holds: ' : '✗ This advert does not hash to what the chain holds: ',
      el('code', {}, checked.hash), verified ? '' : ` ≠ ${e.advertHash}`),
    el('h2', {}, 'Latency over time'),
    el('div', { id: 'latency-chart', class: 'chart', role: 'img', 'aria-label': 'Measured latency and claimed latency over time' }),
    el('h2', {}, 'Availability over time'),
    el('div', { id: 'availability-chart', class: 'chart', role: 'img', 'aria-label': 'Share of the last ten probes answered, over time' }),
    el('h2', {}, 'Stake, challenges, slashes and keys'),
    timeline([...e.stakeHistory, ...e.challenges, ...e.keyChanges].sort((a, b) => a.block - b.block)),
    el('h2', {}, 'Active leases'),
    e.activeLeases.length === 0 ? el('p', {}, 'No active lease.')
      : el('ul', { class: 'leases' }, ...e.activeLeases.map((l) => el('li', {}, `Lease ${l.id}: `,
        el('a', { href: `#/picos/${encodeURIComponent(l.picoDid)}` }, l.picoDid),
        `, deposit ${formatAmount(String(l.deposit.value ?? 0))}`,
        l.moveTo === null ? '' : ` (moving to engine ${l.moveTo})`))),
    el('h2', {}, 'Trust lists'),
    e.trustLists.length === 0 ? el('p', {}, 'On no trust list.')
      : el('ul', {}, ...e.trustLists.map((t) => el('li', {}, `${t.name} (list ${t.id}, curated by ${t.curator})`))),
  ];
}

function fact(term: string, value: Node | string, source: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(el('dt', {}, term, sourceBadge(source)), el('dd', {}, value));
  return fragment;
}

function timeline(events: ChainEvent[]): HTMLElement {
  if (events.length === 0) return el('p', {}, 'Nothing yet.');
  return el('ol', { class: 'timeline' }, ...events.map((event) => el('li', {},
    el('strong', { 'data-kind': event.kind }, eventWords(event.kind)), ` at block ${event.block}`, event.confirmed ? '' : ' (pending)', describe(event))));
}

function describe(event: ChainEvent): string {
  const a = event.args;
  const amount = (key: string) => (typeof a[key] === 'string' && /^\d{1,78}$/.test(a[key] as string) ? formatAmount(a[key] as string) : '');
  switch (event.kind) {
    case 'EngineRegistered': return `: staked ${amount('stake')}`;
    case 'StakeAdded': return `: +${amount('amount')}, now ${amount('stake')}`;
    case 'UnbondRequested': return `: ${amount('amount')} unbonding`;
    case 'StakeWithdrawn': return `: ${amount('amount')} withdrawn`;
    case 'EngineSlashed': return `: −${amount('amount')}`;
    case 'EngineHalted': return ': stake below the minimum, leases stopped earning';
    case 'EngineResumed': return ': staked back to the minimum';
    case 'AgentChanged': return `: agent ${String(a.agent)}`;
    case 'PayoutAddressChanged': return `: payouts to ${String(a.payout)}`;
    case 'OperatorTransferred': return `: operator ${String(a.to)}`;
    default: return '';
  }
}

function drawLatency(target: HTMLElement, e: EngineDetails): void {
  const ok = e.probes.filter((p) => p.ok && p.latencyMs !== null);
  const times = ok.map((p) => Date.parse(p.at) / 1000);
  target.setAttribute('data-points', String(times.length));
  if (times.length < CHART_MIN_SAMPLES) {
    waiting(target, 'answered probes', times.length);
    return;
  }
  const measured = ok.map((p) => p.latencyMs as number);
  const claimed = ok.map(() => e.summary.advertisedLatencyMs);
  new uPlot({
    width: Math.min(900, target.clientWidth || 900),
    height: 260,
    series: [{}, { label: 'measured (ms)', stroke: '#15803d' }, { label: 'claimed (ms)', stroke: '#b45309', dash: [6, 4] }],
    axes: [{}, { label: 'ms' }],
  }, [times, measured, claimed], target);
}

/** The share of the last ten probes that the engine answered, after each probe. */
function drawAvailability(target: HTMLElement, e: EngineDetails): void {
  if (e.probes.length < CHART_MIN_SAMPLES) {
    waiting(target, 'probes', e.probes.length);
    return;
  }
  const times = e.probes.map((p) => Date.parse(p.at) / 1000);
  const share = e.probes.map((_, i) => {
    const window = e.probes.slice(Math.max(0, i - 9), i + 1);
    return (100 * window.filter((p) => p.ok).length) / window.length;
  });
  new uPlot({
    width: Math.min(900, target.clientWidth || 900),
    height: 200,
    scales: { y: { range: [0, 100] } },
    series: [{}, { label: 'answered, last 10 probes (%)', stroke: '#7c3aed' }],
    axes: [{}, { label: '%' }],
  }, [times, share], target);
}

/** A chart with too few samples says what it waits for instead of drawing an empty frame. */
function waiting(target: HTMLElement, what: string, have: number): void {
  target.removeAttribute('role');
  target.removeAttribute('aria-label');
  target.replaceChildren(el('p', { class: 'waiting' }, waitingFor(what, have, CHART_MIN_SAMPLES)));
}

/** An amount with its unit, every digit of it on hover. */
function amount(wei: string | bigint): HTMLElement {
  return el('span', { title: exactAmount(wei) }, formatAmount(wei));
}
