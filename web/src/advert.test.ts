import { describe, expect, it } from 'vitest';
import type { EngineDetails } from './api';
import { advertHash, verifiesAgainstChain } from './advert';

// The browser test (EnginePageIT) checks this hash against the one the registry stores on a real chain.
function engine(advertHash: string): EngineDetails {
  return {
    summary: { id: 1, status: 'listed', confirmed: true, operator: '0x', endpoint: 'https://engine-1.picomesh.example:8443',
      did: 'did:web:engine-1.picomesh.example', region: 'us-east', pricePerHourWei: '1000000000000000', stakeWei: '0',
      capacity: 20, activeLeases: 0, freeCapacity: 20, advertisedLatencyMs: 25, measuredLatencyP50Ms: null,
      measuredLatencyP95Ms: null, availability: null },
    provenance: {}, advertHash, metadataCid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku',
    encryptionKey: `0x${'ab'.repeat(32)}`,
  } as unknown as EngineDetails;
}

describe('the advert check', () => {
  it('is a 32-byte hash that any change of the price changes', () => {
    const e = engine('');
    const before = advertHash(e);
    e.summary.pricePerHourWei = '1000000000000001';
    expect(before).toMatch(/^0x[0-9a-f]{64}$/);
    expect(advertHash(e)).not.toBe(before);
  });

  it('fails when any field differs from what was hashed', () => {
    const e = engine('');
    const hash = advertHash(e);
    expect(verifiesAgainstChain(engine(hash))).toBe(true);
    const tampered = engine(hash);
    tampered.summary.endpoint = 'https://elsewhere.example';
    expect(verifiesAgainstChain(tampered)).toBe(false);
    const otherKey = engine(hash);
    otherKey.encryptionKey = `0x${'cd'.repeat(32)}`;
    expect(verifiesAgainstChain(otherKey)).toBe(false);
  });
});
