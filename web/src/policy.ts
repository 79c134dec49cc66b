// A placement policy as the pick-a-host form describes it, turned into the body of POST /api/select.

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
