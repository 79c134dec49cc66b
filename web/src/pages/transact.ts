import type { TransactionReceipt } from 'viem';
import { getJson } from '../api';
import { el } from '../dom';
import { connect, MarketInfo, REGISTRY_ABI } from '../wallet';

export type Step = (name: 'signing' | 'sent' | 'mined' | 'indexed', detail?: string) => void;

/** A progress list that a transaction's steps are appended to. */
export function progressList(): { list: HTMLOListElement; step: Step } {
  const list = el('ol', { class: 'progress', 'aria-live': 'polite' });
  return { list, step: (name, detail = '') => list.append(el('li', { 'data-step': name }, `${name}${detail ? ': ' + detail : ''}`)) };
}

/**
 * Sends one registry call through the wallet: simulated first (a refusal fails here, with its custom error),
 * then signed, sent, and waited for until mined.
 */
export async function sendToRegistry(functionName: string, args: unknown[], value: bigint, step: Step,
  signal: AbortSignal): Promise<TransactionReceipt> {
  const market = await getJson<MarketInfo>('/api/market', signal);
  const { account, wallet, chain } = await connect(market);
  const { request } = await chain.simulateContract({ account, address: market.registry, abi: REGISTRY_ABI,
    functionName, args, value } as unknown as Parameters<typeof chain.simulateContract>[0]);
  step('signing', `as ${account}`);
  const hash = await wallet.writeContract(request as Parameters<typeof wallet.writeContract>[0]);
  step('sent', hash);
  const receipt = await chain.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`The transaction ${hash} reverted.`);
  return receipt;
}

/** Waits (up to a minute) until the directory shows the engine as of the given block or later. */
export async function awaitIndexed(engineId: string, block: bigint, signal: AbortSignal): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const response = await fetch(`/api/engines/${engineId}`, { signal });
    if (response.ok && BigInt((await response.json()).sourceBlock) >= block) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The transaction was mined, but the directory has not shown it for engine ${engineId} after a minute.`);
}
