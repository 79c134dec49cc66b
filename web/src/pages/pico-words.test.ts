import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PicoDetails, PicoStay, PlacementPolicy } from '../api';
import { amount, constraintLines, duration, ether, moveReasons, movesLine, weightLine, when } from './pico-words';
import { renderPico } from './pico';

const POLICY: PlacementPolicy = {
  constraints: { maxPrice: '2000000000000000', minFreeCapacity: null, regions: ['us-east', 'eu\u202ewest'],
    maxLatencyMs: 80, minStake: '1500000000', minAvailability: 0.99, trustList: 4, trustLists: null, excludeEngines: [9] },
  weights: { cost: 3, latency: 1, availability: 0, stake: null, freeCapacity: null },
  currentEngine: null, hysteresis: 0.05,
  moves: { sustainedSeconds: 60, maxMoves: 3, windowSeconds: 86_400, cooldownSeconds: 600 },
};

function stay(leaseId: number, engineId: number, movedToLease: number | null): PicoStay {
  const wei = { value: '10000000000000000', unit: 'wei', source: 'onchain' as const };
  return { leaseId, engineId, endpoint: null, status: movedToLease ? 'moved' : 'active', deposit: wei, paid: wei,
    pricePerHour: wei, openedBlock: leaseId * 10, endedBlock: movedToLease ? leaseId * 10 + 5 : null, movedToLease,
    pendingMove: null, confirmed: true };
}

describe('a policy in words', () => {
  it('says each hard constraint with amounts in ETH or gwei and strangers\' strings made visible', () => {
    const lines = constraintLines(POLICY);
    expect(lines).toContain('Pays at most 0.002 ETH per pico-hour.');
    expect(lines).toContain('Its host must stake at least 1.5 gwei.');
    expect(lines).toContain('Its host must be in "us-east" or "eu⟨U+202E⟩west".');
    expect(lines).toContain('Its host\'s measured availability must be at least 99%.');
    expect(lines).toContain('Never engine 9.');
    expect(constraintLines({ ...POLICY, constraints: null })).toEqual(['No hard constraints: any listed engine with a free slot will do.']);
  });

  it('gives weights as shares and the move rules with their units', () => {
    expect(weightLine(POLICY)).toBe('Among those, it prefers a low price (75%) and low latency (25%).');
    expect(movesLine(POLICY)).toBe('It moves only when another engine is better by more than 5% of the score for 1 min in a row; '
      + 'at most 3 moves in any 1 day; never two moves within 10 min.');
  });

  it('writes amounts, durations and times for people', () => {
    expect(amount('1')).toBe('1 wei');
    expect(amount('123456789000')).toBe('123.456 gwei');
    expect(amount('<b>')).toBe('<b> (not an amount)');
    expect(ether('0.0065')).toBe('0.0065 ETH');
    expect(ether('0.000000000000000001')).toBe('< 0.000001 ETH');
    expect(duration(90)).toBe('90 s');
    expect(when('2026-12-01T17:00:05.123Z')).toBe('2026-12-01 17:00:05 UTC');
  });
});

describe('the reasons of moves', () => {
  it('go to the stay they moved away from, matched by the engines named', () => {
    const history = [stay(1, 1, 2), stay(2, 4, 3), stay(3, 1, null)];
    const reasons = moveReasons(history, [
      { at: '2026-12-01T18:00:00Z', kind: 'moved', from: '4', to: '1', reason: 'engine 4 raised its price' },
      { at: '2026-12-01T17:30:00Z', kind: 'stayed', from: '4', to: null, reason: 'still best' },
      { at: '2026-12-01T17:00:00Z', kind: 'moved', from: '1', to: '4', reason: 'cheaper' },
    ]);
    expect(reasons.get(1)?.reason).toBe('cheaper');
    expect(reasons.get(2)?.reason).toBe('engine 4 raised its price');
    expect(reasons.has(3)).toBe(false);
  });
});

describe('the pico page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a host\'s hostile report as text, labelled as the host\'s word', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const pico: PicoDetails = {
      did: 'did:pkh:eip155:31337:0x00000000000000000000000000000000000000aa', address: '0xaa',
      current: stay(1, 1, null), history: [stay(1, 1, null)], moves: [], blockTimes: { 10: '2026-12-01T10:00:00Z' },
      rent: null, rentProblem: 'rent left is unknown: the chain node did not give the block times',
      host: { source: 'reported by the host, not verified', engineId: 1, answered: true, problem: null, policy: POLICY,
        policyProblem: null, decisions: [{ at: '2026-12-01T17:00:00Z', kind: 'stayed', from: '1', to: null, reason: hostile }],
        decisionsLeftOut: 0, askedAt: '2026-12-01T18:00:00Z' },
    };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(pico), { status: 200 })));
    const root = document.createElement('main');
    await renderPico(root, pico.did, new AbortController().signal);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('#pico-decisions')?.textContent).toContain(hostile);
    expect(root.querySelector('#pico-report-source')?.textContent).toContain('not verified');
    expect(root.querySelector('#pico-rent')?.textContent).toContain('the chain node did not give the block times');
    expect(root.querySelector('#pico-host')?.textContent).toContain('since 2026-12-01 10:00:00 UTC (block 10)');
  });
});
