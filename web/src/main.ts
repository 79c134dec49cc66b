import './style.css';
import { renderEngines } from './pages/engines';
import { parseFilters } from './query';

let current: AbortController | undefined;

/**
 * Renders the page the hash names; a newer navigation cancels the older one's requests. Pages other than the
 * list load on demand, so the list (what most visitors open) ships without viem and the chart library.
 */
async function route(): Promise<void> {
  current?.abort();
  current = new AbortController();
  const signal = current.signal;
  const root = document.getElementById('app')!;
  const engine = /^#\/engines\/([^/?]+)/.exec(location.hash);
  if (engine) {
    const { renderEngine } = await import('./pages/engine');
    if (!signal.aborted) void renderEngine(root, decodeURIComponent(engine[1]), signal);
  } else if (location.hash.startsWith('#/picos')) {
    const { renderPico } = await import('./pages/pico');
    const did = /^#\/picos\/([^?]+)/.exec(location.hash);
    if (!signal.aborted) void renderPico(root, did ? decodeURIComponent(did[1]) : '', signal);
  } else if (location.hash.startsWith('#/register')) {
    const { renderRegister } = await import('./pages/register');
    if (!signal.aborted) renderRegister(root, signal);
  } else if (location.hash.startsWith('#/market')) {
    const { renderMarket } = await import('./pages/market');
    if (!signal.aborted) void renderMarket(root, signal);
  } else if (location.hash.startsWith('#/select')) {
    const { renderSelect } = await import('./pages/select');
    if (!signal.aborted) renderSelect(root, signal);
  } else {
    void renderEngines(root, parseFilters(location.hash), signal);
  }
  root.focus();
}

window.addEventListener('hashchange', () => void route());
void route();
