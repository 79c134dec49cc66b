import { ApiError, postJson, SelectionResult } from '../api';
import { el, visible, widthPercent } from '../dom';
import { amountField, readAmount } from '../amount';
import { FACTOR_LABELS, FACTORS, FactorName, policyBody, PolicyForm } from '../policy';
import { exclusionWords } from '../wording';

const DEFAULT_WEIGHTS: Record<FactorName, number> = { cost: 35, latency: 25, availability: 25, stake: 10, freeCapacity: 5 };

/** Pick a host: constraints and weight sliders, then the ranked candidates and the excluded with their reasons. */
export function renderSelect(root: HTMLElement, signal: AbortSignal): void {
  const result = el('section', { 'aria-live': 'polite', id: 'selection' });
  const text = (name: string, label: string, hint: string) =>
    el('label', {}, label, el('input', { name, type: 'text', placeholder: hint }));
  const sliders = FACTORS.map((f) => el('label', { class: 'slider' }, `Weight of ${FACTOR_LABELS[f].toLowerCase()}`,
    el('input', { name: `w-${f}`, type: 'range', min: '0', max: '100', value: String(DEFAULT_WEIGHTS[f]) })));
  const form = el('form', { class: 'filters', 'aria-label': 'Placement policy' },
    amountField('maxPrice', 'Max price per pico-hour', { placeholder: 'any' }), text('regions', 'Regions', 'eu-west, us-east'),
    text('maxLatencyMs', 'Max measured latency (ms)', 'any'), text('minAvailability', 'Min availability (0-1)', 'any'),
    text('minFreeCapacity', 'Min free slots', '1'), ...sliders, el('button', { type: 'submit' }, 'Rank hosts'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void rank(form, result, signal);
  });
  root.replaceChildren(el('h1', {}, 'Pick a host'), form, result);
}

async function rank(form: HTMLFormElement, target: HTMLElement, signal: AbortSignal): Promise<void> {
  const data = new FormData(form);
  const value = (name: string) => String(data.get(name) ?? '');
  const weights = Object.fromEntries(FACTORS.map((f) => [f, Number(value(`w-${f}`))])) as Record<FactorName, number>;
  let maxPrice: bigint | null;
  try {
    maxPrice = readAmount(data, 'maxPrice');
  } catch (error) {
    target.replaceChildren(el('p', { class: 'status error', role: 'alert' }, (error as Error).message));
    return;
  }
  const policy: PolicyForm = { maxPrice: maxPrice?.toString() ?? '', regions: value('regions'), maxLatencyMs: value('maxLatencyMs'),
    minAvailability: value('minAvailability'), minFreeCapacity: value('minFreeCapacity'), weights };
  target.replaceChildren(el('p', { role: 'status' }, 'Ranking…'));
  try {
    const result = await postJson<SelectionResult>('/api/select', policyBody(policy), signal);
    target.replaceChildren(...show(result));
  } catch (error) {
    if (signal.aborted) return;
    target.replaceChildren(el('p', { class: 'status error', role: 'alert' },
      error instanceof ApiError ? error.message : 'The directory cannot be reached.'));
  }
}

function show(r: SelectionResult): Node[] {
  const candidates = r.candidates.length === 0 ? el('p', {}, 'No engine passes these constraints.')
    : el('ol', { class: 'candidates' }, ...r.candidates.map((c) => el('li', { 'data-engine': String(c.id) },
      el('a', { href: `#/engines/${c.id}` }, `Engine ${c.id}`), ' ', el('span', {}, visible(c.endpoint)),
      ` — score ${c.score}`, c.currentHost ? ' (current host)' : '',
      el('div', { class: 'shares', role: 'img', 'aria-label': shares(c.factors) },
        ...FACTORS.filter((f) => c.factors[f]?.share > 0).map((f) =>
          widthPercent(el('span', { class: `share ${f}`, 'aria-hidden': 'true' }, FACTOR_LABELS[f]),
            Math.round(c.factors[f].share * 100)))))));
  const excluded = el('ul', { class: 'excluded' }, ...r.excluded.map((e) => el('li', { 'data-engine': String(e.id) },
    el('strong', {}, `Engine ${e.id}`), ` ${visible(e.endpoint)}: `, reasons(e).join('; '))));
  return [el('h2', {}, `Candidates (${r.considered} engines considered)`), candidates,
    el('h2', {}, `Excluded (${r.excludedTotal})`), excluded];
}

/** The reasons in words, amounts in ETH or gwei (from the codes when the API gives them). */
function reasons(e: SelectionResult['excluded'][number]): string[] {
  return e.exclusions ? e.exclusions.map(exclusionWords) : e.reasons;
}

function shares(factors: Record<string, { share: number }>): string {
  return FACTORS.map((f) => `${FACTOR_LABELS[f]} ${Math.round((factors[f]?.share ?? 0) * 100)} %`).join(', ');
}
