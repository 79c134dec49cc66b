import { ApiError, getJson, PicoDetails, PicoStay } from '../api';
import { el, endpointLink } from '../dom';
import { formatEther } from '../query';

const DID = /^did:pkh:eip155:[1-9][0-9]{0,17}:0x[0-9a-fA-F]{40}$/;

/** A pico by its DID: where it lives per the chain, a pending move, where it lived, and every move asked. */
export async function renderPico(root: HTMLElement, did: string, signal: AbortSignal): Promise<void> {
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(el('h1', {}, 'Find a pico'), lookupForm(did), status);
  if (!did) {
    status.textContent = 'A pico is an account: its DID is did:pkh:eip155:<chain id>:<its address>.';
    return;
  }
  if (!DID.test(did)) {
    status.className = 'status error';
    status.textContent = `"${did}" is not a pico DID: did:pkh:eip155:<chain id>:<0x and 40 hex digits>.`;
    return;
  }
  status.textContent = 'Loading the pico…';
  try {
    const pico = await getJson<PicoDetails>(`/api/picos/${encodeURIComponent(did)}`, signal);
    status.remove();
    root.append(...sections(pico));
  } catch (error) {
    if (signal.aborted) return;
    status.className = 'status error';
    status.textContent = error instanceof ApiError ? error.message : 'The directory cannot be reached.';
  }
}

function lookupForm(did: string): HTMLFormElement {
  const input = el('input', { name: 'did', type: 'text', value: did, size: '60', placeholder: 'did:pkh:eip155:31337:0x…' });
  const form = el('form', { class: 'filters', id: 'pico-lookup', 'aria-label': 'Find a pico by its DID' },
    el('label', {}, 'Pico DID', input), el('button', { type: 'submit' }, 'Find'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/picos/${encodeURIComponent(input.value.trim())}`;
  });
  return form;
}

function sections(pico: PicoDetails): Node[] {
  const current = pico.current;
  return [
    el('h2', {}, 'Where it lives'),
    current === null ? el('p', { id: 'pico-host' }, 'Nowhere now: it holds no active lease.')
      : el('p', { id: 'pico-host' }, `On `, el('a', { href: `#/engines/${current.engineId}` }, `engine ${current.engineId}`),
        current.endpoint ? ' at ' : '', current.endpoint ? endpointLink(current.endpoint) : '',
        `, lease ${current.leaseId}, paying ${formatEther(String(current.pricePerHour.value))} ETH per hour`,
        current.confirmed ? '' : ' (pending confirmation)'),
    current?.pendingMove ? pendingMove(current) : el('p', { id: 'pico-move' }, 'No move pending.'),
    el('h2', {}, 'Where it lived'),
    el('ol', { class: 'timeline', id: 'pico-history' }, ...pico.history.map((stay) => el('li', {},
      el('strong', {}, `engine ${stay.engineId}`), ` from block ${stay.openedBlock}`,
      stay.endedBlock === null ? ', now' : ` to block ${stay.endedBlock}`, ` (${stay.status}`,
      stay.movedToLease === null ? ')' : `, moved on as lease ${stay.movedToLease})`,
      `: deposit ${formatEther(String(stay.deposit.value))} ETH`))),
    el('h2', {}, 'Moves'),
    pico.moves.length === 0 ? el('p', {}, 'No move asked yet.')
      : el('ol', { class: 'timeline', id: 'pico-moves' }, ...pico.moves.map((m) => el('li', {},
        el('strong', {}, m.kind), ` at block ${m.block}`, m.toEngineId === null ? '' : ` to engine ${m.toEngineId}`,
        m.reason ? `: ${m.reason}` : '', m.confirmed ? '' : ' (pending)'))),
  ];
}

function pendingMove(stay: PicoStay): HTMLElement {
  const move = stay.pendingMove!;
  return el('p', { id: 'pico-move', class: 'verify' }, 'Moving to ',
    el('a', { href: `#/engines/${move.toEngineId}` }, `engine ${move.toEngineId}`),
    ` at ${formatEther(String(move.pricePerHour.value))} ETH per hour; the target engine has until `,
    new Date(move.deadline * 1000).toISOString(), ' to accept it, else the pico stays where it is.');
}
