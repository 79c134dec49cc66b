import { decodeAbiParameters, encodeAbiParameters, keccak256, type Hex } from 'viem';
import type { EngineDetails } from './api';

// abi.encode(advert) exactly as EngineRegistry.hashAdvert hashes it: anyone can check that what the directory
// shows is what the engine published on the chain.
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

export interface Advert {
  endpoint: string;
  did: string;
  pricePerHour: bigint;
  latencyMs: number;
  capacity: number;
  region: string;
  metadataCid: string;
  encryptionKey: Hex;
}

/** What the engine page shows of an advert: decoded from the exact bytes that were checked against the chain. */
export interface CheckedAdvert {
  advert: Advert | null;
  hash: Hex;
  verified: boolean;
}

export function encodeAdvert(advert: Advert): Hex {
  return encodeAbiParameters(ADVERT, [advert]);
}

/** The advert in these bytes, or null when they are not one. */
export function decodeAdvert(encoded: Hex): Advert | null {
  try {
    return decodeAbiParameters(ADVERT, encoded)[0] as Advert;
  } catch {
    return null;
  }
}

/**
 * Hashes the advert's exact bytes (never text the browser or the database may have altered: a NUL survives) and
 * decodes what it shows from those same bytes.
 */
export function checkAdvert(engine: EngineDetails): CheckedAdvert {
  const encoded = /^0x([0-9a-fA-F]{2})*$/.test(engine.advertEncoded ?? '') ? engine.advertEncoded as Hex : '0x';
  const hash = keccak256(encoded);
  const advert = decodeAdvert(encoded);
  return { advert, hash, verified: advert !== null && hash.toLowerCase() === engine.advertHash.toLowerCase() };
}
