// A placement policy as the pick-a-host form describes it, turned into the body of POST /api/select.
import type { PlacementPolicy } from './api';

export const FACTORS = ['cost', 'latency', 'availability', 'stake', 'freeCapacity'] as const;
export type FactorName = (typeof FACTORS)[number];

/** Each factor in words, as the form and the ranking show it. */
export const FACTOR_LABELS: Record<FactorName, string> = {
  cost: 'Cost', latency: 'Latency', availability: 'Availability', stake: 'Stake', freeCapacity: 'Free capacity',
};

export interface PolicyForm {
  maxPrice: string;
  regions: string;
  maxLatencyMs: string;
  minAvailability: string;
  minFreeCapacity: string;
  weights: Record<FactorName, number>;
}

/** Only what the person filled in (the maximum price already in wei); regions are comma-separated. */
export function policyBody(form: PolicyForm): Record<string, unknown> {
  const constraints: Record<string, unknown> = {};
  if (form.maxPrice.trim()) constraints.maxPrice = form.maxPrice.trim();
  const regions = form.regions.split(',').map((r) => r.trim()).filter(Boolean);
  if (regions.length) constraints.regions = regions;
  if (form.maxLatencyMs.trim()) constraints.maxLatencyMs = Number(form.maxLatencyMs);
  if (form.minAvailability.trim()) constraints.minAvailability = Number(form.minAvailability);
  if (form.minFreeCapacity.trim()) constraints.minFreeCapacity = Number(form.minFreeCapacity);
  return { constraints, weights: { ...form.weights }, limit: 10 };
}

/** The change-policy form: the pick-a-host fields plus the least stake, the margin and how often it may move. */
export interface PolicyChangeForm extends PolicyForm {
  minStake: string;
  /** The margin another engine must beat, in percent of the score. */
  marginPercent: string;
  sustainedSeconds: string;
  maxMoves: string;
  windowSeconds: string;
  cooldownSeconds: string;
}

/** What a policy may hold that the form does not show: carried over from the current policy unchanged. */
export interface KeptFields {
  constraints?: { trustList?: number | null; trustLists?: number[] | null; excludeEngines?: number[] | null } | null;
  prepaidSeconds?: number | null;
}

/** A number typed in a field, or an error naming the field; empty gives undefined (the field is left out). */
function numberIn(text: string, label: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new Error(`${label}: "${trimmed.slice(0, 40)}" is not a number.`);
  return value;
}

/**
 * The policy document the form describes, with what the form does not show kept from the current policy. Ranges are
 * left to the directory, which checks the document against the published schema and names the field at fault.
 */
export function policyDocument(form: PolicyChangeForm, kept: KeptFields | null): Record<string, unknown> {
  const { constraints, weights } = policyBody(form);
  const c = constraints as Record<string, unknown>;
  if (form.minStake.trim()) c.minStake = form.minStake.trim();
  for (const [name, label] of [['maxLatencyMs', 'Max measured latency'], ['minAvailability', 'Min availability'],
    ['minFreeCapacity', 'Min free slots']] as const) {
    const value = numberIn(form[name], label);
    if (value === undefined) delete c[name]; else c[name] = value;
  }
  const k = kept?.constraints ?? {};
  if (k.trustList != null) c.trustList = k.trustList;
  if (k.trustLists?.length) c.trustLists = [...k.trustLists];
  if (k.excludeEngines?.length) c.excludeEngines = [...k.excludeEngines];
  const policy: Record<string, unknown> = { constraints: c, weights };
  const margin = numberIn(form.marginPercent, 'Margin');
  if (margin !== undefined) policy.hysteresis = margin / 100;
  const moves: Record<string, number> = {};
  for (const [name, label] of [['sustainedSeconds', 'Seconds it must stay better'], ['maxMoves', 'Most moves'],
    ['windowSeconds', 'Window of'], ['cooldownSeconds', 'Never two moves within']] as const) {
    const value = numberIn(form[name], label);
    if (value !== undefined) moves[name] = value;
  }
  if (Object.keys(moves).length) policy.moves = moves;
  if (kept?.prepaidSeconds != null) policy.prepaidSeconds = kept.prepaidSeconds;
  return policy;
}

/** A policy as the host reports it (defaults filled), as the form's starting values; weights as shares in percent. */
export function changeForm(policy: PlacementPolicy | null): PolicyChangeForm {
  const c = policy?.constraints;
  const given = FACTORS.map((f) => Math.max(0, policy?.weights?.[f] ?? 0));
  const total = given.reduce((sum, w) => sum + w, 0);
  const weights = Object.fromEntries(FACTORS.map((f, i) => [f, total ? Math.round((given[i] / total) * 100) : 20])) as
    Record<FactorName, number>;
  const text = (n: number | null | undefined) => (n == null ? '' : String(n));
  const m = policy?.moves;
  return {
    maxPrice: c?.maxPrice ?? '', minStake: c?.minStake ?? '', regions: (c?.regions ?? []).join(', '),
    maxLatencyMs: text(c?.maxLatencyMs), minAvailability: text(c?.minAvailability), minFreeCapacity: text(c?.minFreeCapacity),
    weights, marginPercent: policy?.hysteresis == null ? '' : String(+(policy.hysteresis * 100).toFixed(4)),
    sustainedSeconds: text(m?.sustainedSeconds), maxMoves: text(m?.maxMoves), windowSeconds: text(m?.windowSeconds),
    cooldownSeconds: text(m?.cooldownSeconds),
  };
}

/** The body of POST /api/picos/{did}/policy. */
export function changeBody(eci: string, form: PolicyChangeForm, kept: KeptFields | null): { eci: string; policy: Record<string, unknown> } {
  return { eci: eci.trim(), policy: policyDocument(form, kept) };
}
