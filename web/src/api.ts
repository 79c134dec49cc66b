// The directory's API, typed as the pages use it. Errors arrive as RFC 9457 problems.

export interface EngineSummary {
  id: number;
  status: string;
  confirmed: boolean;
  operator: string;
  endpoint: string;
  did: string;
  region: string;
  pricePerHourWei: string;
  stakeWei: string;
  capacity: number;
  activeLeases: number;
  freeCapacity: number;
  advertisedLatencyMs: number;
  measuredLatencyP50Ms: number | null;
  measuredLatencyP95Ms: number | null;
  availability: number | null;
}

export interface EnginePage {
  engines: EngineSummary[];
  nextCursor: string | null;
  provenance: Record<string, 'onchain' | 'advertised' | 'measured'>;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) {
    let detail = `the directory answered ${response.status}`;
    try {
      const problem = await response.json();
      if (typeof problem.detail === 'string') detail = problem.detail;
    } catch {
      // not a problem document: keep the status line
    }
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as T;
}

export interface Metric {
  value: string | number | null;
  unit: string;
  source: 'onchain' | 'advertised' | 'measured';
}

export interface ChainEvent {
  block: number;
  txHash: string;
  kind: string;
  confirmed: boolean;
  args: Record<string, unknown>;
}

export interface EngineDetails {
  summary: EngineSummary;
  provenance: Record<string, string>;
  advertHash: string;
  /** abi.encode(advert) as the chain hashed it: the advert's strings whole, NUL included. */
  advertEncoded: string;
  advertVerified: boolean;
  metadataCid: string;
  encryptionKey: string;
  keys: { operator: string; agent: string; payout: string; pendingOperator: string | null };
  halted: boolean;
  unbonding: Metric;
  unlockAt: number | null;
  slashed: Metric;
  openChallenges: number;
  challengeDeadline: number | null;
  registeredBlock: number;
  measured: Record<string, Metric>;
  stakeHistory: ChainEvent[];
  challenges: ChainEvent[];
  keyChanges: ChainEvent[];
  activeLeases: { id: number; pico: string; picoDid: string; deposit: Metric; pricePerHour: Metric; openedBlock: number;
    moveTo: number | null }[];
  trustLists: { id: number; name: string; curator: string }[];
  probes: { at: string; ok: boolean; latencyMs: number | null; error: string | null }[];
}

export interface PicoStay {
  leaseId: number;
  engineId: number;
  endpoint: string | null;
  status: 'active' | 'closed' | 'moved' | 'exhausted' | 'stopped';
  deposit: Metric;
  paid: Metric;
  pricePerHour: Metric;
  openedBlock: number;
  endedBlock: number | null;
  movedToLease: number | null;
  pendingMove: { toEngineId: number; toEndpoint: string | null; pricePerHour: Metric; deadline: number } | null;
  confirmed: boolean;
}

export interface PicoDetails {
  did: string;
  address: string;
  current: PicoStay | null;
  history: PicoStay[];
  moves: { kind: string; block: number; leaseId: number; toEngineId: number | null; toLeaseId: number | null;
    reason: string | null; confirmed: boolean }[];
  /** Chain time (ISO-8601) of the blocks named above, by block number; a block the node did not date is absent. */
  blockTimes: Record<string, string>;
  rent: PicoRent | null;
  /** Why there is no rent figure (no active lease, or the node did not answer). */
  rentProblem: string | null;
  /** What the current host reports: null when the pico holds no lease. */
  host: HostReport | null;
}

/** Rent on the current lease as the escrow counts it; amounts are exact decimal ETH strings. */
export interface PicoRent {
  deposit: Metric;
  accrued: Metric;
  claimed: Metric;
  left: Metric;
  pricePerHour: Metric;
  startedAt: string;
  asOf: string;
  /** When the deposit runs out at this price; null when the price is zero. */
  paidUntil: string | null;
  exhausted: boolean;
}

/** A placement policy (contracts/java placement-policy.schema.json), with the directory's defaults filled. */
export interface PlacementPolicy {
  constraints: { maxPrice: string | null; minFreeCapacity: number | null; regions: string[] | null;
    maxLatencyMs: number | null; minStake: string | null; minAvailability: number | null; trustList: number | null;
    trustLists: number[] | null; excludeEngines: number[] | null } | null;
  weights: Partial<Record<'cost' | 'latency' | 'availability' | 'stake' | 'freeCapacity', number | null>> | null;
  currentEngine: number | null;
  hysteresis: number | null;
  moves: { sustainedSeconds: number | null; maxMoves: number | null; windowSeconds: number | null;
    cooldownSeconds: number | null } | null;
  /** How much hosting the lease's deposit pays for ahead, in seconds. */
  prepaidSeconds?: number | null;
}

export interface PlacementDecision {
  at: string;
  kind: 'stayed' | 'moved' | 'move-requested';
  from: string | null;
  to: string | null;
  reason: string | null;
}

/** A host's own account of a pico: a stranger's word, checked for shape only. */
export interface HostReport {
  source: string;
  engineId: number;
  answered: boolean;
  problem: string | null;
  policy: PlacementPolicy | null;
  policyProblem: string | null;
  /** Newest first. */
  decisions: PlacementDecision[];
  decisionsLeftOut: number;
  askedAt: string;
}

export interface Factor { value: number; weight: number; share: number }

/**
 * Why an engine fails a constraint: a code to act on (`price_above_max`), the reason in words for people, and the
 * figures compared (amounts in wei) when there are any. Codes this page does not know are shown by their words.
 */
export interface Exclusion { code: string; reason: string; value: string | null; limit: string | null }

export interface SelectionResult {
  candidates: { id: number; endpoint: string; region: string; score: number; currentHost: boolean; factors: Record<string, Factor> }[];
  excluded: { id: number; endpoint: string; reasons: string[]; exclusions?: Exclusion[] }[];
  excludedTotal: number;
  considered: number;
}

export async function postJson<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method: 'POST', signal, body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new ApiError(response.status, typeof problem.detail === 'string' ? problem.detail : `the directory answered ${response.status}`);
  }
  return (await response.json()) as T;
}

export interface Stats {
  engines: number;
  listedEngines: number;
  totalStake: Metric;
  activeLeases: number;
  indexedBlock: number | null;
  chainHead: number | null;
  lagBlocks: number | null;
  indexerRole: string;
  enginesByRegion: Record<string, number>;
  priceHistogram: { fromWei: string; toWei: string; engines: number }[];
  stakeOverTime: { block: number; stakeWei: string }[];
}
