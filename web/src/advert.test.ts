import { describe, expect, it } from 'vitest';
import { keccak256 } from 'viem';
import type { EngineDetails } from './api';
import { type Advert, checkAdvert, encodeAdvert } from './advert';
import { visible } from './dom';

// The browser tests (EnginesPageIT, AdvertBytesIT) check this against the hash the registry stores on a real chain.
const ADVERT: Advert = {
  endpoint: 'https://engine-1.picomesh.example:8443', did: 'did:web:engine-1.picomesh.example',
  pricePerHour: 1000000000000000n, latencyMs: 25, capacity: 20, region: 'us-east',
  metadataCid: 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku', encryptionKey: `0x${'ab'.repeat(32)}`,
};

function engine(advert: Advert, advertHash = keccak256(encodeAdvert(advert))): EngineDetails {
  return { advertHash, advertEncoded: encodeAdvert(advert) } as unknown as EngineDetails;
}

describe('the advert check', () => {
  it('verifies the exact bytes and shows the advert decoded from them', () => {
    const checked = checkAdvert(engine(ADVERT));
    expect(checked.verified).toBe(true);
    expect(checked.hash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(checked.advert).toEqual(ADVERT);
  });

  it('keeps NUL and other invisible characters whole, and shows them as visible marks', () => {
    const hostile = { ...ADVERT, endpoint: 'https://a.example/\u0000x', region: 'eu\u202Etsew\u0007' };
    const checked = checkAdvert(engine(hostile));
    expect(checked.verified).toBe(true);
    expect(checked.advert?.endpoint).toBe('https://a.example/\u0000x');
    expect(visible(checked.advert!.endpoint)).toBe('https://a.example/␀x');
    expect(visible(checked.advert!.region)).toBe('eu⟨U+202E⟩tsew␇');
  });

  it('fails when any byte differs from what was hashed, or the bytes are no advert', () => {
    const hash = keccak256(encodeAdvert(ADVERT));
    expect(checkAdvert(engine({ ...ADVERT, endpoint: 'https://elsewhere.example' }, hash)).verified).toBe(false);
    expect(checkAdvert(engine({ ...ADVERT, pricePerHour: ADVERT.pricePerHour + 1n }, hash)).verified).toBe(false);
    // U+FFFD where the publisher wrote NUL: what text columns hold, and why the bytes are kept
    const nul = { ...ADVERT, did: 'did:web:x\u0000' };
    expect(checkAdvert(engine({ ...nul, did: 'did:web:x\uFFFD' }, keccak256(encodeAdvert(nul)))).verified).toBe(false);
    const notAnAdvert = { advertHash: keccak256('0x1234'), advertEncoded: '0x1234' } as unknown as EngineDetails;
    expect(checkAdvert(notAnAdvert)).toMatchObject({ advert: null, verified: false });
    const notHex = { advertHash: hash, advertEncoded: '<b>' } as unknown as EngineDetails;
    expect(checkAdvert(notHex).verified).toBe(false);
  });
});
