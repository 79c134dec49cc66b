import './style.css';
import { renderEngines } from './pages/engines';
import { parseFilters } from './query';

let current: AbortController | undefined;

/** Renders the page the hash names; a newer navigation cancels the older one's requests. */
function route(): void {
  current?.abort();
  current = new AbortController();
  const root = document.getElementById('app')!;
  void renderEngines(root, parseFilters(location.hash), current.signal);
}

window.addEventListener('hashchange', route);
route();
