import { encodeAbiParameters, keccak256 } from 'viem';
import type { EngineDetails } from './api';

// keccak256(abi.encode(advert)) exactly as EngineRegistry.hashAdvert computes it: anyone can check that what the
// directory shows is what the engine published on the chain.
const ADVERT = [{
  type: 'tuple',
  components: [
    { name: 'endpoint', type: 'string' },
    { name: 'did', type: 'string' },
    { name: 'pricePerHour', type: 'uint256' },
    { name: 'latencyMs', type: 'uint32' },
    { name: 'capacity', type: 'uint32' },
    { name: 'region', type: 'string' },
    { name: 'metadataCid', type: 'string' },
    { name: 'encryptionKey', type: 'bytes32' },
  ],
}] as const;

export function advertHash(engine: EngineDetails): `0x${string}` {
  const s = engine.summary;
  return keccak256(encodeAbiParameters(ADVERT, [{
    endpoint: s.endpoint,
    did: s.did,
    pricePerHour: BigInt(s.pricePerHourWei),
    latencyMs: s.advertisedLatencyMs,
    capacity: s.capacity,
    region: s.region,
    metadataCid: engine.metadataCid,
    encryptionKey: engine.encryptionKey as `0x${string}`,
  }]));
}

/** Whether the advert shown hashes to the hash the chain holds. */
export function verifiesAgainstChain(engine: EngineDetails): boolean {
  return advertHash(engine).toLowerCase() === engine.advertHash.toLowerCase();
}
