import { describe, expect, it } from 'vitest';
import { policyBody } from './policy';

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
