// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HostReport } from '../api';
import { policyChange } from './pico-policy';

const DID = 'did:pkh:eip155:31337:0x' + 'ab'.repeat(20);
const host: HostReport = {
  source: 'reported by the host, not verified', engineId: 2, answered: true, problem: null, policyProblem: null,
  decisions: [], decisionsLeftOut: 0, askedAt: '2026-12-01T17:00:00Z',
  policy: { constraints: { maxPrice: '4000000000000000', minFreeCapacity: 1, regions: null, maxLatencyMs: null, minStake: null,
    minAvailability: null, trustList: null, trustLists: null, excludeEngines: null },
  weights: { cost: 1, latency: 3, availability: 0, stake: 0, freeCapacity: 0 }, currentEngine: 2, hysteresis: 0.05,
  moves: { sustainedSeconds: 60, maxMoves: 3, windowSeconds: 86400, cooldownSeconds: 600 } },
};

function submit(section: HTMLElement, values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    (section.querySelector(`[name="${name}"]`) as HTMLInputElement).value = value;
  }
  section.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
}

afterEach(() => vi.unstubAllGlobals());

describe('the change-policy form on the pico page', () => {
  it('posts the channel and the edited policy to the directory, then hands on the pico\'s answer', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ did: DID, engineId: 2, kept: true, message: 'policy kept',
      source: 'reported by the host, not verified' }), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const kept = vi.fn();
    const section = policyChange(DID, 2, host, new AbortController().signal, kept);
    document.body.replaceChildren(section);
    expect((section.querySelector('[name="eci"]') as HTMLInputElement).type).toBe('password');
    expect((section.querySelector('[name="maxPrice"]') as HTMLInputElement).value).toBe('0.004');
    submit(section, { eci: 'Ab12cd34', maxPrice: '0.003', regions: 'eu-west' });
    await vi.waitFor(() => expect(kept).toHaveBeenCalled());
    const [path, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe(`/api/picos/${encodeURIComponent(DID)}/policy`);
    expect(JSON.parse(String(init.body))).toEqual({ eci: 'Ab12cd34', policy: {
      constraints: { maxPrice: '3000000000000000', regions: ['eu-west'], minFreeCapacity: 1 },
      weights: { cost: 25, latency: 75, availability: 0, stake: 0, freeCapacity: 0 }, hysteresis: 0.05,
      moves: { sustainedSeconds: 60, maxMoves: 3, windowSeconds: 86400, cooldownSeconds: 600 } } });
    expect(kept.mock.calls[0][0]).toContain('Engine 2 answered: "policy kept"');
    expect((section.querySelector('[name="eci"]') as HTMLInputElement).value).toBe('');
  });

  it('shows the directory\'s problem and asks nothing without a channel', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ status: 422, detail: 'this channel opens another pico' }),
      { status: 422 }));
    vi.stubGlobal('fetch', fetch);
    const section = policyChange(DID, 2, host, new AbortController().signal, vi.fn());
    document.body.replaceChildren(section);
    submit(section, { eci: '' });
    expect(section.querySelector('[role="alert"]')!.textContent).toContain("Give one of the pico's channels");
    expect(fetch).not.toHaveBeenCalled();
    submit(section, { eci: 'Zz99' });
    await vi.waitFor(() => expect(section.querySelector('[role="alert"]')!.textContent)
      .toBe('Not changed: this channel opens another pico'));
  });
});
