import { parseEventLogs } from 'viem';
import { amountField, readAmount } from '../amount';
import { parseAmount } from '../units';
import { el } from '../dom';
import { describeError, REGISTRY_ABI } from '../wallet';
import { awaitIndexed, progressList, sendToRegistry } from './transact';

/** Register an engine with a stake, or operate one, through the browser's wallet, following each transaction. */
export function renderRegister(root: HTMLElement, signal: AbortSignal): void {
  root.replaceChildren(el('h1', {}, 'Register an engine'), ...registerForm(signal),
    el('h2', {}, 'Operate an engine'), ...operateForm(signal));
}

function field(name: string, label: string, value = '', type = 'text'): HTMLLabelElement {
  return el('label', {}, label, el('input', { name, type, value }));
}

function registerForm(signal: AbortSignal): Node[] {
  const { list, step } = progressList();
  const message = el('p', { class: 'status', role: 'status' });
  const form = el('form', { class: 'filters', id: 'register', 'aria-label': 'Register an engine' },
    field('endpoint', 'Endpoint (https://…)'), field('did', 'DID'), amountField('price', 'Price per pico-hour', { wei: 10n ** 15n }),
    field('latency', 'Latency you claim (ms)', '50', 'number'), field('capacity', 'Capacity (picos)', '10', 'number'),
    field('region', 'Region'), field('metadata', 'Metadata CID (optional)'),
    field('encryptionKey', "Agent's encryption key (X25519 public key: 0x and 64 hex digits)"), amountField('stake', 'Stake', { wei: 10n ** 18n }),
    el('button', { type: 'submit' }, 'Connect wallet and register'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = values(form);
    void run(list, message, signal, async () => {
      const stake = readAmount(new FormData(form), 'stake') ?? 0n;
      const receipt = await sendToRegistry('register', [advertOf(v)], stake, step, signal);
      const [registered] = parseEventLogs({ abi: REGISTRY_ABI, logs: receipt.logs, eventName: 'EngineRegistered' });
      const id = String((registered as unknown as { args: { engineId: bigint } }).args.engineId);
      step('mined', `engine ${id} in block ${receipt.blockNumber}`);
      await awaitIndexed(id, receipt.blockNumber, signal);
      return id;
    });
  });
  return [form, list, message];
}

function operateForm(signal: AbortSignal): Node[] {
  const { list, step } = progressList();
  const message = el('p', { class: 'status', role: 'status' });
  const action = el('select', { name: 'action' },
    el('option', { value: 'addStake' }, 'add stake'), el('option', { value: 'updateAdvert' }, 'update the advert (fields above)'),
    el('option', { value: 'requestUnbond' }, 'request unbonding'),
    el('option', { value: 'withdraw' }, 'withdraw unlocked stake'));
  const form = el('form', { class: 'filters', id: 'operate', 'aria-label': 'Operate an engine' },
    field('engine', 'Engine id', '', 'number'), el('label', {}, 'Action', action), amountField('amount', 'Amount', { wei: 10n ** 18n }),
    el('button', { type: 'submit' }, 'Connect wallet and send'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const v = values(form);
    const id = v('engine');
    const advertForm = document.getElementById('register') as HTMLFormElement;
    void run(list, message, signal, async () => {
      const amount = readAmount(new FormData(form), 'amount') ?? 0n;
      const [args, value] = v('action') === 'addStake' ? [[BigInt(id)], amount]
        : v('action') === 'requestUnbond' ? [[BigInt(id), amount], 0n]
        : v('action') === 'updateAdvert' ? [[BigInt(id), advertOf(values(advertForm))], 0n] : [[BigInt(id)], 0n];
      const receipt = await sendToRegistry(v('action'), args as unknown[], value as bigint, step, signal);
      step('mined', `block ${receipt.blockNumber}`);
      await awaitIndexed(id, receipt.blockNumber, signal);
      return id;
    });
  });
  return [form, list, message];
}

const KEY = /^0x[0-9a-fA-F]{64}$/;

/** The advert as the registry takes it, from the register form's fields. */
function advertOf(v: (name: string) => string) {
  const key = v('encryptionKey');
  if (!KEY.test(key)) {
    throw new Error("The agent's encryption key is its X25519 public key, 32 bytes: 0x and 64 hex digits "
      + '(engine-agent keys new prints it).');
  }
  const price = parseAmount(v('price') || '0', v('price-unit') === 'gwei' ? 'gwei' : 'ETH');
  return { endpoint: v('endpoint'), did: v('did'), pricePerHour: price, latencyMs: Number(v('latency')),
    capacity: Number(v('capacity')), region: v('region'), metadataCid: v('metadata'), encryptionKey: key as `0x${string}` };
}

function values(form: HTMLFormElement): (name: string) => string {
  const data = new FormData(form);
  return (name) => String(data.get(name) ?? '').trim();
}

/** Runs one transaction's flow, ending with a link to the engine or a readable error. */
async function run(list: HTMLElement, message: HTMLElement, signal: AbortSignal, flow: () => Promise<string>): Promise<void> {
  list.replaceChildren();
  message.className = 'status';
  message.removeAttribute('role');
  message.textContent = '';
  try {
    const id = await flow();
    list.append(el('li', { 'data-step': 'indexed' }, 'indexed'));
    message.replaceChildren('Done: ', el('a', { href: `#/engines/${id}` }, `engine ${id}`), ' is up to date on the directory.');
  } catch (error) {
    if (signal.aborted) return;
    message.className = 'status error';
    message.setAttribute('role', 'alert');
    message.textContent = describeError(error);
  }
}
