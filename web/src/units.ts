// Amounts as people read and type them: ETH or gwei with the unit named, never raw wei. The chain and the API keep wei.

export type Unit = 'ETH' | 'gwei';

const DECIMALS: Record<Unit, number> = { ETH: 18, gwei: 9 };
const GWEI = 10n ** 9n;
const ETHER = 10n ** 18n;
/** Below a millionth of an ether an amount reads better in gwei. */
const SMALL = 10n ** 12n;

/** A decimal typed in a unit as wei; a sentence naming the mistake when it is not a plain non-negative decimal. */
export function parseAmount(text: string, unit: Unit): bigint {
  const typed = text.trim().replace(/_/g, '');
  const match = /^(\d*)(?:\.(\d*))?$/.exec(typed);
  if (!match || (match[1] === '' && !match[2])) {
    throw new Error(`"${text.trim()}" is not an amount in ${unit}: type a number such as 0.5.`);
  }
  const fraction = match[2] ?? '';
  const decimals = DECIMALS[unit];
  if (fraction.replace(/0+$/, '').length > decimals) {
    throw new Error(`${unit} has ${decimals} decimals; "${text.trim()}" has more.`);
  }
  return BigInt(match[1] || '0') * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0').slice(0, decimals) || '0');
}

/** Wei as an exact decimal of the unit, without trailing zeros ("0.0015", "250"). */
export function exactIn(wei: bigint, unit: Unit): string {
  const scale = 10n ** BigInt(DECIMALS[unit]);
  const fraction = (wei % scale).toString().padStart(DECIMALS[unit], '0').replace(/0+$/, '');
  return fraction ? `${wei / scale}.${fraction}` : `${wei / scale}`;
}

/** The unit an amount is best typed or shown in: gwei for the tiny ones, ETH otherwise. */
export function unitFor(wei: bigint): Unit {
  return wei > 0n && wei < SMALL ? 'gwei' : 'ETH';
}

/**
 * Wei for people, with its unit: ETH to 6 decimals, gwei to 3 for amounts below a millionth of an ether
 * ("0.0015 ETH", "2.5 gwei", "< 0.001 gwei").
 */
export function formatAmount(wei: string | bigint): string {
  const value = BigInt(wei);
  if (unitFor(value) === 'ETH') return `${rounded(value, ETHER, 6)} ETH`;
  if (value < 10n ** 6n) return '< 0.001 gwei';
  return `${rounded(value, GWEI, 3)} gwei`;
}

/** The exact amount, every digit kept, for a tooltip: "0.000000001234 ETH". */
export function exactAmount(wei: string | bigint): string {
  return `${exactIn(BigInt(wei), 'ETH')} ETH`;
}

function rounded(wei: bigint, scale: bigint, digits: number): string {
  const fraction = (wei % scale).toString().padStart(scale.toString().length - 1, '0').slice(0, digits).replace(/0+$/, '');
  return fraction ? `${wei / scale}.${fraction}` : `${wei / scale}`;
}
