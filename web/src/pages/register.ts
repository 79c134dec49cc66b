import { parseEther, parseEventLogs } from 'viem';
import { getJson } from '../api';
import { el } from '../dom';
import { connect, describeError, MarketInfo, REGISTRY_ABI } from '../wallet';

const STEPS = ['signing', 'sent', 'mined', 'indexed'] as const;

/** Register an engine with a stake through the browser's wallet, following the transaction to the directory. */
export function renderRegister(root: HTMLElement, signal: AbortSignal): void {
  const field = (name: string, label: string, value = '', type = 'text') =>
    el('label', {}, label, el('input', { name, type, value, required: name === 'endpoint' || name === 'did' ? '' : undefined }));
  const progress = el('ol', { class: 'progress', 'aria-live': 'polite' });
  const message = el('p', { class: 'status', role: 'status' });
  const form = el('form', { class: 'filters', 'aria-label': 'Register an engine' },
    field('endpoint', 'Endpoint (https://…)'), field('did', 'DID'), field('price', 'Price per pico-hour (wei)', '1000000000000000'),
    field('latency', 'Latency you claim (ms)', '50', 'number'), field('capacity', 'Capacity (picos)', '10', 'number'),
    field('region', 'Region'), field('metadata', 'Metadata CID (optional)'), field('stake', 'Stake (ETH)', '1'),
    el('button', { type: 'submit' }, 'Connect wallet and register'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void register(new FormData(form), progress, message, signal);
  });
  root.replaceChildren(el('h1', {}, 'Register an engine'), form, progress, message);
}

async function register(data: FormData, progress: HTMLElement, message: HTMLElement, signal: AbortSignal): Promise<void> {
  const value = (name: string) => String(data.get(name) ?? '').trim();
  const step = (name: (typeof STEPS)[number], detail = '') =>
    progress.append(el('li', { 'data-step': name }, `${name}${detail ? ': ' + detail : ''}`));
  progress.replaceChildren();
  message.className = 'status';
  message.textContent = '';
  try {
    const market = await getJson<MarketInfo>('/api/market', signal);
    const { account, wallet, chain } = await connect(market);
    const advert = { endpoint: value('endpoint'), did: value('did'), pricePerHour: BigInt(value('price') || '0'),
      latencyMs: Number(value('latency')), capacity: Number(value('capacity')), region: value('region'), metadataCid: value('metadata') };
    // Simulated first, as wallets do: a registration the registry would refuse fails here with its custom error.
    const { request } = await chain.simulateContract({ account, address: market.registry, abi: REGISTRY_ABI,
      functionName: 'register', args: [advert], value: parseEther(value('stake') || '0') });
    step('signing', `as ${account}`);
    const hash = await wallet.writeContract(request);
    step('sent', hash);
    const receipt = await chain.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`The transaction ${hash} reverted.`);
    const [registered] = parseEventLogs({ abi: REGISTRY_ABI, logs: receipt.logs, eventName: 'EngineRegistered' });
    const id = (registered as unknown as { args: { engineId: bigint } }).args.engineId;
    step('mined', `engine ${id} in block ${receipt.blockNumber}`);
    await indexed(String(id), signal);
    step('indexed');
    message.replaceChildren('Registered: ', el('a', { href: `#/engines/${id}` }, `engine ${id}`), ' is on the directory.');
  } catch (error) {
    if (signal.aborted) return;
    message.className = 'status error';
    message.setAttribute('role', 'alert');
    message.textContent = describeError(error);
  }
}

/** Waits (up to a minute) for the directory to show the engine. */
async function indexed(id: string, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await fetch(`/api/engines/${id}`, { signal });
    if (response.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The transaction was mined, but the directory has not shown engine ${id} after a minute.`);
}
