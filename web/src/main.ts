import './style.css';
import { renderEngine } from './pages/engine';
import { renderEngines } from './pages/engines';
import { renderRegister } from './pages/register';
import { renderSelect } from './pages/select';
import { parseFilters } from './query';

let current: AbortController | undefined;

/** Renders the page the hash names; a newer navigation cancels the older one's requests. */
function route(): void {
  current?.abort();
  current = new AbortController();
  const root = document.getElementById('app')!;
  const engine = /^#\/engines\/([^/?]+)/.exec(location.hash);
  if (engine) {
    void renderEngine(root, decodeURIComponent(engine[1]), current.signal);
  } else if (location.hash.startsWith('#/register')) {
    renderRegister(root, current.signal);
  } else if (location.hash.startsWith('#/select')) {
    renderSelect(root, current.signal);
  } else {
    void renderEngines(root, parseFilters(location.hash), current.signal);
  }
  root.focus();
}

window.addEventListener('hashchange', route);
route();
