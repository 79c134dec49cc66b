import { describe, expect, it } from 'vitest';
import { apiQuery, filtersHash, formatEther, parseFilters, toggleSort } from './query';

describe('filters in the URL', () => {
  it('round-trips through the hash, dropping unknown and empty keys', () => {
    const filters = parseFilters('#/engines?region=eu-west&maxPrice=1000&evil=<b>&q=');
    expect(filters).toEqual({ region: 'eu-west', maxPrice: '1000' });
    expect(filtersHash(filters)).toBe('#/engines?maxPrice=1000&region=eu-west');
    expect(parseFilters(filtersHash(filters))).toEqual(filters);
  });

  it('asks the API for one page with the same filters', () => {
    expect(apiQuery({ sort: '-stake', minFreeCapacity: '1' }, 25)).toBe('/api/engines?limit=25&minFreeCapacity=1&sort=-stake');
  });

  it('flips the direction when the same column is sorted again', () => {
    expect(toggleSort(undefined, 'price')).toBe('price');
    expect(toggleSort('price', 'price')).toBe('-price');
    expect(toggleSort('-price', 'price')).toBe('price');
    expect(toggleSort('stake', 'price')).toBe('price');
  });

  it('shows wei as ether', () => {
    expect(formatEther('1000000000000000000')).toBe('1');
    expect(formatEther('1500000000000000')).toBe('0.0015');
    expect(formatEther('0')).toBe('0');
    expect(formatEther('10')).toBe('< 0.000001');
  });
});
