import { BaseError, ContractFunctionRevertedError, createPublicClient, createWalletClient, custom, defineChain, UserRejectedRequestError } from 'viem';
import type { Abi, Address, EIP1193Provider } from 'viem';
import registryAbiText from '../../contracts/java/target/solidity/EngineRegistry.abi?raw';

export const REGISTRY_ABI = JSON.parse(registryAbiText) as Abi;

export interface MarketInfo { chainId: number; registry: Address; escrow: Address; parameters: Record<string, string> }

declare global {
  interface Window { ethereum?: EIP1193Provider }
}

/** The wallet the browser injected (MetaMask and the like), connected to the market's chain. */
export async function connect(market: MarketInfo) {
  const provider = window.ethereum;
  if (!provider) throw new Error('No wallet found: install an EIP-1193 wallet such as MetaMask.');
  const [account] = (await provider.request({ method: 'eth_requestAccounts' })) as Address[];
  const walletChain = Number(await provider.request({ method: 'eth_chainId' }));
  if (walletChain !== market.chainId) {
    throw new Error(`Your wallet is on chain ${walletChain}; the market is on chain ${market.chainId}. Switch networks and try again.`);
  }
  const chain = defineChain({ id: market.chainId, name: `chain ${market.chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [] } } });
  return {
    account,
    wallet: createWalletClient({ account, chain, transport: custom(provider) }),
    chain: createPublicClient({ chain, transport: custom(provider) }),
  };
}

/** A sentence for any failure: a rejected signature, a revert with its custom error, or anything else. */
export function describeError(error: unknown): string {
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return 'You rejected the request in your wallet.';
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName) {
      const args = (revert.data.args ?? []).map((a) => String(a)).join(', ');
      return `The registry refused it: ${revert.data.errorName}(${args})`;
    }
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
