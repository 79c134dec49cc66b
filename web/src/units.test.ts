import { describe, expect, it } from 'vitest';
import { amountField, readAmount } from './amount';
import { exactAmount, formatAmount, parseAmount } from './units';
import { eventWords, exclusionWords, waitingFor } from './wording';

describe('amounts as people type them', () => {
  it('reads ETH and gwei as wei', () => {
    expect(parseAmount('1', 'ETH')).toBe(10n ** 18n);
    expect(parseAmount(' 0.0015 ', 'ETH')).toBe(1_500_000_000_000_000n);
    expect(parseAmount('.5', 'ETH')).toBe(5n * 10n ** 17n);
    expect(parseAmount('2.5', 'gwei')).toBe(2_500_000_000n);
    expect(parseAmount('1000000', 'gwei')).toBe(10n ** 15n);
    expect(parseAmount('0.000000000000000001', 'ETH')).toBe(1n);
  });

  it('says what is wrong with what is no amount', () => {
    expect(() => parseAmount('-1', 'ETH')).toThrow('"-1" is not an amount in ETH');
    expect(() => parseAmount('1e18', 'ETH')).toThrow('is not an amount in ETH');
    expect(() => parseAmount('.', 'gwei')).toThrow('is not an amount in gwei');
    expect(() => parseAmount('0.0000000001', 'gwei')).toThrow('gwei has 9 decimals');
  });
});

describe('amounts as people read them', () => {
  it('shows ETH with its unit, and gwei for the tiny amounts', () => {
    expect(formatAmount('1000000000000000000')).toBe('1 ETH');
    expect(formatAmount('1500000000000000')).toBe('0.0015 ETH');
    expect(formatAmount(0n)).toBe('0 ETH');
    expect(formatAmount('2500000000')).toBe('2.5 gwei');
    expect(formatAmount('10')).toBe('< 0.001 gwei');
    expect(formatAmount('123456789012345678901')).toBe('123.456789 ETH');
  });

  it('keeps every digit for the tooltip', () => {
    expect(exactAmount('1234')).toBe('0.000000000000001234 ETH');
  });

  it('rewrites the wei in an excluded engine\'s reasons', () => {
    expect(exclusionWords({ code: 'price_above_max', reason: 'in other words', value: '5000000000000000',
      limit: '1000000000000000' })).toBe('price 0.005 ETH per pico-hour is above the maximum 0.001 ETH');
    expect(exclusionWords({ code: 'stake_below_min', reason: 'in other words', value: '1000000000',
      limit: '2000000000000000000' })).toBe('stake 1 gwei is below 2 ETH');
    // the words are the API's to change: only the code and the figures are read
    expect(exclusionWords({ code: 'price_above_max', reason: 'prix trop élevé', value: '3000000000000000000',
      limit: '2000000000000000000' })).toBe('price 3 ETH per pico-hour is above the maximum 2 ETH');
    expect(exclusionWords({ code: 'region_not_allowed', reason: "region 'eu-west' is not one of [us-east]", value: 'eu-west',
      limit: null })).toBe("region 'eu-west' is not one of [us-east]");
    expect(exclusionWords({ code: 'price_above_max', reason: 'a host that sent no figures', value: 'x', limit: null }))
      .toBe('a host that sent no figures');
  });
});

describe('an amount field', () => {
  it('shows its amount in the unit it suits and reads back the same wei', () => {
    const form = document.createElement('form');
    form.append(amountField('price', 'Price per pico-hour', { wei: 2_500_000_000n }));
    expect(form.querySelector<HTMLInputElement>('input[name=price]')!.value).toBe('2.5');
    expect(form.querySelector<HTMLSelectElement>('select')!.value).toBe('gwei');
    expect(form.querySelector('select')!.getAttribute('aria-label')).toBe('Unit of price per pico-hour');
    expect(readAmount(new FormData(form), 'price')).toBe(2_500_000_000n);
  });

  it('reads an empty field as no amount', () => {
    const form = document.createElement('form');
    form.append(amountField('maxPrice', 'Max price per pico-hour'));
    expect(readAmount(new FormData(form), 'maxPrice')).toBeNull();
  });
});

describe('a chart before it has enough samples', () => {
  it('says what it waits for', () => {
    expect(waitingFor('probes', 1, 2)).toBe('Waiting for probes: 1 of 2 needed.');
  });
});

describe('events in words', () => {
  it('reads a contract event\'s name as a phrase', () => {
    expect(eventWords('EngineRegistered')).toBe('Engine registered');
    expect(eventWords('PayoutAddressChanged')).toBe('Payout address changed');
  });
});
