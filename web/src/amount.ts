import { el } from './dom';
import { exactIn, parseAmount, Unit, unitFor } from './units';

/**
 * A labelled amount field: a decimal and its unit (ETH or gwei) beside it. The form then holds `name` (the decimal)
 * and `name-unit`; {@link readAmount} turns them into wei.
 */
export function amountField(name: string, label: string,
  options: { wei?: bigint; unit?: Unit; placeholder?: string } = {}): HTMLLabelElement {
  const { wei, placeholder } = options;
  const unit = options.unit ?? (wei === undefined ? 'ETH' : unitFor(wei));
  const input = el('input', { name, type: 'text', inputmode: 'decimal', autocomplete: 'off',
    value: wei === undefined ? '' : exactIn(wei, unit), placeholder });
  const select = el('select', { name: `${name}-unit`, 'aria-label': `Unit of ${label.toLowerCase()}` },
    ...(['ETH', 'gwei'] as const).map((u) => el('option', { value: u, selected: u === unit ? '' : undefined }, u)));
  return el('label', { class: 'amount' }, label, el('span', { class: 'amount-row' }, input, select));
}

/** The amount typed in a form's field, in wei; null when left empty. Throws a readable error when it is no amount. */
export function readAmount(data: FormData, name: string): bigint | null {
  const text = String(data.get(name) ?? '').trim();
  if (!text) return null;
  const unit = data.get(`${name}-unit`) === 'gwei' ? 'gwei' : 'ETH';
  return parseAmount(text, unit);
}
