import { ApiError, getJson, HostReport, PicoDetails, PicoRent, PicoStay } from '../api';
import { el, endpointLink, visible } from '../dom';
import { formatEther } from '../query';
import { constraintLines, ether, moveReasons, movesLine, weightLine, when } from './pico-words';
import { policyChange } from './pico-policy';

const DID = /^did:pkh:eip155:[1-9][0-9]{0,17}:0x[0-9a-fA-F]{40}$/;

/**
 * A pico by its DID: where it lives per the chain, the rent left, a pending move, where it lived (with the reason of
 * each move its host reports), every move asked, and its policy as its host reports it.
 */
export async function renderPico(root: HTMLElement, did: string, signal: AbortSignal, notice?: string): Promise<void> {
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
    if (pico.current !== null) {
      // once the pico kept a new policy, the page is read again: the host's report now shows the new policy
      const kept = (answer: string) => void renderPico(root, did, signal, answer);
      root.append(policyChange(pico.did, pico.current.engineId, pico.host, signal, kept));
    }
    if (notice) announce(root, notice);
  } catch (error) {
    if (signal.aborted) return;
    status.className = 'status error';
    status.textContent = error instanceof ApiError ? error.message : 'The directory cannot be reached.';
  }
}

/** The pico's answer to a new policy, above the form, focused so that it is read out and seen. */
function announce(root: HTMLElement, notice: string): void {
  const answer = root.querySelector<HTMLElement>('#policy-change-answer');
  const message = el('p', { class: 'status', id: 'policy-change-kept', tabindex: '-1' }, notice);
  if (answer) answer.replaceChildren(message); else root.append(message);
  message.focus();
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
  const at = (block: number | null) => (block === null ? undefined : pico.blockTimes[String(block)]);
  const dated = (block: number) => (at(block) ? `${when(at(block)!)} (block ${block})` : `block ${block}`);
  const reasons = moveReasons(pico.history, pico.host?.answered ? pico.host.decisions : []);
  return [
    el('h2', {}, 'Where it lives'),
    current === null ? el('p', { id: 'pico-host' }, 'Nowhere now: it holds no active lease.')
      : el('p', { id: 'pico-host' }, `On `, el('a', { href: `#/engines/${current.engineId}` }, `engine ${current.engineId}`),
        current.endpoint ? ' at ' : '', current.endpoint ? endpointLink(current.endpoint) : '',
        `, lease ${current.leaseId}, paying ${formatEther(String(current.pricePerHour.value))} ETH per hour`,
        `, since ${dated(current.openedBlock)}`, current.confirmed ? '' : ' (pending confirmation)'),
    rent(pico.rent, pico.rentProblem),
    current?.pendingMove ? pendingMove(current) : el('p', { id: 'pico-move' }, 'No move pending.'),
    el('h2', {}, 'Where it lived'),
    el('ol', { class: 'timeline', id: 'pico-history' }, ...pico.history.map((stay) => {
      const reason = reasons.get(stay.leaseId);
      return el('li', {},
        el('strong', {}, `engine ${stay.engineId}`), ` from ${dated(stay.openedBlock)}`,
        stay.endedBlock === null ? ', now' : ` to ${dated(stay.endedBlock)}`, ` (${stay.status}`,
        stay.movedToLease === null ? ')' : `, moved on as lease ${stay.movedToLease})`,
        // an ended lease's deposit is what accrued to its engine (the rest was carried on or refunded)
        stay.endedBlock === null ? `: deposit ${formatEther(String(stay.deposit.value))} ETH`
          : `: its engine earned ${formatEther(String(stay.deposit.value))} ETH`,
        reason ? el('span', { class: 'reason' }, ` — why it moved, as its host reports: ${visible(reason.reason ?? '')}`) : '');
    })),
    el('h2', {}, 'Moves'),
    pico.moves.length === 0 ? el('p', {}, 'No move asked yet.')
      : el('ol', { class: 'timeline', id: 'pico-moves' }, ...pico.moves.map((m) => el('li', {},
        el('strong', {}, m.kind), ` at ${dated(m.block)}`, m.toEngineId === null ? '' : ` to engine ${m.toEngineId}`,
        m.reason ? `: ${visible(m.reason)}` : '', m.confirmed ? '' : ' (pending)'))),
    ...(pico.host ? hostReport(pico.host) : []),
  ];
}

function rent(rent: PicoRent | null, problem: string | null): HTMLElement {
  if (rent === null) return el('p', { id: 'pico-rent' }, `Rent left: ${problem ?? 'unknown'}.`);
  const lasts = rent.paidUntil === null ? 'at a price of zero it never runs out'
    : rent.exhausted ? `it ran out at ${when(rent.paidUntil)}`
      : `at ${ether(String(rent.pricePerHour.value))} per hour it is paid until ${when(rent.paidUntil)}`;
  return el('p', { id: 'pico-rent' }, `Rent left: ${ether(String(rent.left.value))} of ${ether(String(rent.deposit.value))}`,
    ` deposited; ${lasts}. The engine has earned ${ether(String(rent.accrued.value))} and claimed`,
    ` ${ether(String(rent.claimed.value))} (chain time ${when(rent.asOf)}).`);
}

function hostReport(host: HostReport): Node[] {
  const heading = el('h2', {}, 'Its policy and decisions, as its host reports them');
  const label = el('p', { class: 'provenance', id: 'pico-report-source' },
    `Engine ${host.engineId} says this (${host.source}), asked at ${when(host.askedAt)}.`);
  if (!host.answered) {
    return [heading, label, el('p', { id: 'pico-report-problem', class: 'status' }, `${visible(host.problem ?? '')}.`)];
  }
  const policy = host.policy === null
    ? el('p', { id: 'pico-policy' }, host.policyProblem ? `${visible(host.policyProblem)}.` : 'No policy: the pico has not set one.')
    : el('div', { id: 'pico-policy' }, el('ul', {}, ...constraintLines(host.policy).map((line) => el('li', {}, line))),
      el('p', {}, weightLine(host.policy)), el('p', {}, movesLine(host.policy)));
  const decisions = host.decisions.length === 0 ? el('p', { id: 'pico-decisions' }, 'No decisions reported yet.')
    : el('ol', { class: 'timeline', id: 'pico-decisions' }, ...host.decisions.map((d) => el('li', {},
      el('strong', {}, d.kind), ` at ${when(d.at)}`, d.from === null ? '' : ` from engine ${d.from}`,
      d.to === null ? '' : ` to engine ${d.to}`, d.reason ? `: ${visible(d.reason)}` : '')));
  const leftOut = host.decisionsLeftOut > 0
    ? [el('p', {}, `${host.decisionsLeftOut} more decisions were left out (malformed, or past the first 50).`)] : [];
  return [heading, label, el('h3', {}, 'Policy'), policy, el('h3', {}, 'Decisions, newest first'), decisions, ...leftOut];
}

function pendingMove(stay: PicoStay): HTMLElement {
  const move = stay.pendingMove!;
  return el('p', { id: 'pico-move', class: 'verify' }, 'Moving to ',
    el('a', { href: `#/engines/${move.toEngineId}` }, `engine ${move.toEngineId}`),
    ` at ${formatEther(String(move.pricePerHour.value))} ETH per hour; the target engine has until `,
    new Date(move.deadline * 1000).toISOString(), ' to accept it, else the pico stays where it is.');
}
