import { ApiError, HostReport, postJson } from '../api';
import { amountField, readAmount } from '../amount';
import { el, visible } from '../dom';
import { changeBody, changeForm, FACTOR_LABELS, FACTORS, PolicyChangeForm } from '../policy';

/** What the directory answers when the pico kept a new policy. */
export interface PolicyPassed { did: string; engineId: number; kept: boolean; message: string; source: string }

/**
 * "Change policy": the pico's current policy as its host reports it, to edit, and one of the pico's channels (ECI) as
 * the authority. The ECI stays in this form's password field and the one request; it is never kept by the page.
 * `onKept` gets the host's answer once the pico has kept the policy (the page then shows it afresh).
 */
export function policyChange(did: string, engineId: number, host: HostReport | null, signal: AbortSignal,
  onKept: (answer: string) => void): HTMLElement {
  const policy = host?.answered ? host.policy : null;
  const start = changeForm(policy);
  const answer = el('div', { id: 'policy-change-answer', 'aria-live': 'polite' });
  const eci = el('input', { name: 'eci', type: 'password', autocomplete: 'off', spellcheck: 'false', required: '',
    'aria-describedby': 'policy-change-eci-hint' });
  const text = (name: keyof PolicyChangeForm, label: string, hint?: string) => el('label', {}, label,
    el('input', { name, type: 'text', value: String(start[name]), placeholder: hint, autocomplete: 'off' }));
  const sliders = FACTORS.map((f) => el('label', { class: 'slider' }, `Weight of ${FACTOR_LABELS[f].toLowerCase()}`,
    el('input', { name: `w-${f}`, type: 'range', min: '0', max: '100', value: String(start.weights[f]) })));
  const button = el('button', { type: 'submit' }, 'Change policy');
  const form = el('form', { class: 'filters change', id: 'policy-change', 'aria-label': "Change the pico's policy" },
    el('label', {}, "One of the pico's channels (ECI)", eci),
    el('p', { id: 'policy-change-eci-hint', class: 'hint' }, 'The channel is your authority over the pico: it goes to '
      + 'its host with this request only and is never kept.'),
    amountField('maxPrice', 'Max price per pico-hour', { wei: wei(start.maxPrice), placeholder: 'any' }),
    amountField('minStake', 'Min stake of its host', { wei: wei(start.minStake), placeholder: 'any' }),
    text('regions', 'Regions (comma-separated)', 'any'), text('maxLatencyMs', 'Max measured latency (ms)', 'any'),
    text('minAvailability', 'Min availability (0 to 1)', 'any'), text('minFreeCapacity', 'Min free slots', '1'),
    el('fieldset', {}, el('legend', {}, 'What it prefers among the engines that pass'), ...sliders),
    el('fieldset', {}, el('legend', {}, 'When it may move'),
      text('marginPercent', 'Margin another engine must beat (% of the score)', '5'),
      text('sustainedSeconds', 'Seconds it must stay better', '60'), text('maxMoves', 'Most moves in a window', '3'),
      text('windowSeconds', 'Window (seconds)', '86400'), text('cooldownSeconds', 'Never two moves within (seconds)', '600')),
    button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });

  async function submit(): Promise<void> {
    const data = new FormData(form);
    let body;
    try {
      body = changeBody(String(data.get('eci') ?? ''), read(data), policy);
    } catch (error) {
      show(answer, (error as Error).message, true);
      return;
    }
    if (!body.eci) {
      show(answer, "Give one of the pico's channels (ECI): it is the authority to change its policy.", true);
      eci.focus();
      return;
    }
    button.disabled = true;
    show(answer, `Passing the policy to the pico on engine ${engineId}…`, false);
    try {
      const passed = await postJson<PolicyPassed>(`/api/picos/${encodeURIComponent(did)}/policy`, body, signal);
      eci.value = '';
      onKept(`The pico kept the new policy. Engine ${passed.engineId} answered: "${visible(passed.message)}" `
        + `(${passed.source}).`);
    } catch (error) {
      if (signal.aborted) return;
      show(answer, error instanceof ApiError ? `Not changed: ${error.message}` : 'The directory cannot be reached.', true);
    } finally {
      button.disabled = false;
    }
  }

  const note = policy === null ? "Its host did not report a policy: the form starts from the market's defaults. "
    : 'The form starts from its policy as its host reports it. ';
  return el('section', { id: 'policy-change-section', 'aria-labelledby': 'policy-change-heading' },
    el('h2', { id: 'policy-change-heading' }, 'Change its policy'),
    el('p', {}, note, `The directory passes the new policy to the pico on its host, engine ${engineId}; the pico's agent `
      + 'checks it and the old policy stays unless it is kept. Trust lists, excluded engines and the prepaid period '
      + 'stay as they are.'),
    form, answer);
}

function read(data: FormData): PolicyChangeForm {
  const value = (name: string) => String(data.get(name) ?? '');
  const weights = Object.fromEntries(FACTORS.map((f) => [f, Number(value(`w-${f}`))])) as PolicyChangeForm['weights'];
  return {
    maxPrice: amountIn(data, 'maxPrice', 'Max price per pico-hour'), minStake: amountIn(data, 'minStake', 'Min stake of its host'),
    regions: value('regions'), maxLatencyMs: value('maxLatencyMs'), minAvailability: value('minAvailability'),
    minFreeCapacity: value('minFreeCapacity'), weights, marginPercent: value('marginPercent'),
    sustainedSeconds: value('sustainedSeconds'), maxMoves: value('maxMoves'), windowSeconds: value('windowSeconds'),
    cooldownSeconds: value('cooldownSeconds'),
  };
}

/** The amount in wei as text ('' when empty), or an error naming the field. */
function amountIn(data: FormData, name: string, label: string): string {
  try {
    return readAmount(data, name)?.toString() ?? '';
  } catch (error) {
    throw new Error(`${label}: ${(error as Error).message}`);
  }
}

function wei(text: string): bigint | undefined {
  return /^[0-9]{1,78}$/.test(text) ? BigInt(text) : undefined;
}

function show(target: HTMLElement, message: string, error: boolean): void {
  target.replaceChildren(el('p', error ? { class: 'status error', role: 'alert' } : { class: 'status' }, message));
}
