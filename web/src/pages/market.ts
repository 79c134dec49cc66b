import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { ApiError, getJson, Stats } from '../api';
import { el, widthPercent } from '../dom';
import { formatEther } from '../query';
import { formatAmount } from '../units';
import { waitingFor } from '../wording';

const LAG_POINTS = 60;

/** The market at a glance: totals, engines by region, prices, stake over time, and the index's lag, live. */
export async function renderMarket(root: HTMLElement, signal: AbortSignal): Promise<void> {
  const status = el('p', { class: 'status', role: 'status' }, 'Loading the market…');
  root.replaceChildren(el('h1', {}, 'Market'), status);
  try {
    const stats = await getJson<Stats>('/api/stats', signal);
    status.remove();
    root.append(
      el('dl', { class: 'facts' },
        el('dt', {}, 'Engines'), el('dd', { id: 'engines-total' }, `${stats.engines} (${stats.listedEngines} listed)`),
        el('dt', {}, 'Total stake'), el('dd', {}, formatAmount(String(stats.totalStake.value ?? 0))),
        el('dt', {}, 'Active leases'), el('dd', {}, String(stats.activeLeases)),
        el('dt', {}, 'Indexed block'), el('dd', {}, `${stats.indexedBlock ?? '—'} of ${stats.chainHead ?? '—'}`)),
      el('h2', {}, 'Engines by region'), bars(Object.entries(stats.enginesByRegion).map(([r, n]) => [r || '(none)', n])),
      el('h2', {}, 'Price per pico-hour (listed engines)'),
      bars(stats.priceHistogram.map((b) => [`${formatAmount(b.fromWei)} to ${formatAmount(b.toWei)}`, b.engines])),
      el('h2', {}, 'Total stake over blocks'), el('div', { id: 'stake-chart', class: 'chart', role: 'img', 'aria-label': 'Total stake over blocks' }),
      el('h2', {}, 'Index lag (blocks behind the chain), live'), el('div', { id: 'lag-chart', class: 'chart', role: 'img', 'aria-label': 'Index lag over time' }));
    drawStake(root.querySelector<HTMLElement>('#stake-chart')!, stats);
    followLag(root.querySelector<HTMLElement>('#lag-chart')!, stats, signal);
  } catch (error) {
    if (signal.aborted) return;
    status.className = 'status error';
    status.textContent = error instanceof ApiError ? error.message : 'The directory cannot be reached.';
  }
}

/** A horizontal bar per label, as HTML: readable by screen readers as a list. */
function bars(rows: [string, number][]): HTMLElement {
  const max = Math.max(1, ...rows.map(([, n]) => n));
  return el('ul', { class: 'bars' }, ...rows.map(([label, n]) => el('li', {},
    el('span', { class: 'bar-label' }, label),
    widthPercent(el('span', { class: 'bar' }), n === 0 ? 0 : Math.max(1, Math.round((n / max) * 100))),
    el('span', { class: 'bar-value' }, String(n)))));
}

function drawStake(target: HTMLElement, stats: Stats): void {
  const points = stats.stakeOverTime;
  if (points.length < 2) {
    target.removeAttribute('role');
    target.removeAttribute('aria-label');
    target.replaceChildren(el('p', { class: 'waiting' }, waitingFor('changes of stake', points.length, 2)));
    return;
  }
  const blocks = points.map((p) => p.block);
  const ether = points.map((p) => Number(formatEther(p.stakeWei).replace('< ', '')));
  new uPlot({ width: Math.min(900, target.clientWidth || 900), height: 220, scales: { x: { time: false } },
    series: [{ label: 'block' }, { label: 'stake (ETH)', stroke: '#1d4ed8' }], axes: [{ label: 'block' }, { label: 'ETH' }] },
  [blocks, ether], target);
}

function followLag(target: HTMLElement, first: Stats, signal: AbortSignal): void {
  const times: number[] = [];
  const lags: number[] = [];
  const add = (s: Stats) => {
    times.push(Date.now() / 1000);
    lags.push(s.lagBlocks ?? 0);
    if (times.length > LAG_POINTS) { times.shift(); lags.shift(); }
  };
  add(first);
  add(first);
  const plot = new uPlot({ width: Math.min(900, target.clientWidth || 900), height: 180,
    series: [{}, { label: 'lag (blocks)', stroke: '#b45309' }], axes: [{}, { label: 'blocks' }] }, [times, lags], target);
  const timer = setInterval(async () => {
    if (signal.aborted) { clearInterval(timer); return; }
    try {
      add(await getJson<Stats>('/api/stats', signal));
      plot.setData([times, lags]);
    } catch {
      // a missed sample; the next one comes in two seconds
    }
  }, 2000);
  signal.addEventListener('abort', () => clearInterval(timer));
}
