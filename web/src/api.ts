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
}

export interface Factor { value: number; weight: number; share: number }

export interface SelectionResult {
  candidates: { id: number; endpoint: string; region: string; score: number; currentHost: boolean; factors: Record<string, Factor> }[];
  excluded: { id: number; endpoint: string; reasons: string[] }[];
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
