import { describe, expect, it } from 'vitest';
import type { PlacementPolicy } from './api';
import { changeBody, changeForm, policyBody, policyDocument } from './policy';

describe('the pick-a-host form', () => {
  it('sends only the constraints filled in, regions split on commas', () => {
    const body = policyBody({ maxPrice: ' 5000 ', regions: 'eu-west, us-east,', maxLatencyMs: '', minAvailability: '0.9',
      minFreeCapacity: '', weights: { cost: 40, latency: 20, availability: 20, stake: 20, freeCapacity: 0 } });
    expect(body).toEqual({
      constraints: { maxPrice: '5000', regions: ['eu-west', 'us-east'], minAvailability: 0.9 },
      weights: { cost: 40, latency: 20, availability: 20, stake: 20, freeCapacity: 0 },
      limit: 10,
    });
  });
});

describe('the change-policy form', () => {
  const reported: PlacementPolicy = {
    constraints: { maxPrice: '4000000000000000', minFreeCapacity: 1, regions: ['us-east', 'eu-west'], maxLatencyMs: null,
      minStake: null, minAvailability: 0.9, trustList: 7, trustLists: null, excludeEngines: [3, 4] },
    weights: { cost: 0.35, latency: 0.25, availability: 0.25, stake: 0.1, freeCapacity: 0.05 },
    currentEngine: 2, hysteresis: 0.05,
    moves: { sustainedSeconds: 60, maxMoves: 3, windowSeconds: 86400, cooldownSeconds: 600 },
    prepaidSeconds: 172800,
  };

  it('starts from the reported policy, its weights as shares in percent', () => {
    const form = changeForm(reported);
    expect(form).toMatchObject({ maxPrice: '4000000000000000', minStake: '', regions: 'us-east, eu-west',
      maxLatencyMs: '', minAvailability: '0.9', minFreeCapacity: '1', marginPercent: '5', sustainedSeconds: '60',
      maxMoves: '3', windowSeconds: '86400', cooldownSeconds: '600' });
    expect(form.weights).toEqual({ cost: 35, latency: 25, availability: 25, stake: 10, freeCapacity: 5 });
  });

  it('sends the ECI and the policy the form describes, keeping what the form does not show', () => {
    const form = { ...changeForm(reported), maxPrice: '3000000000000000', minStake: '10', maxLatencyMs: '250',
      marginPercent: '10', maxMoves: '2' };
    expect(changeBody(' Ab12cd ', form, reported)).toEqual({
      eci: 'Ab12cd',
      policy: {
        constraints: { maxPrice: '3000000000000000', minStake: '10', regions: ['us-east', 'eu-west'], maxLatencyMs: 250,
          minAvailability: 0.9, minFreeCapacity: 1, trustList: 7, excludeEngines: [3, 4] },
        weights: { cost: 35, latency: 25, availability: 25, stake: 10, freeCapacity: 5 },
        hysteresis: 0.1,
        moves: { sustainedSeconds: 60, maxMoves: 2, windowSeconds: 86400, cooldownSeconds: 600 },
        prepaidSeconds: 172800,
      },
    });
  });

  it('leaves out what is left empty and never sends the current engine or the ranking limits', () => {
    const empty = { ...changeForm(null), weights: { cost: 1, latency: 0, availability: 0, stake: 0, freeCapacity: 0 } };
    const policy = policyDocument(empty, null);
    expect(policy).toEqual({ constraints: {}, weights: { cost: 1, latency: 0, availability: 0, stake: 0, freeCapacity: 0 } });
    expect(changeForm(null).weights).toEqual({ cost: 20, latency: 20, availability: 20, stake: 20, freeCapacity: 20 });
  });

  it('names the field whose text is not a number', () => {
    expect(() => policyDocument({ ...changeForm(reported), maxLatencyMs: 'fast' }, null))
      .toThrow('Max measured latency: "fast" is not a number.');
    expect(() => policyDocument({ ...changeForm(reported), cooldownSeconds: '10 min' }, null))
      .toThrow('Never two moves within: "10 min" is not a number.');
  });
});
