import { describe, expect, it } from 'vitest';
import { el, endpointLink, safeHref } from './dom';

describe('strangers strings', () => {
  it('become text, never markup', () => {
    const cell = el('td', {}, '<img src=x onerror=alert(1)>');
    expect(cell.querySelector('img')).toBeNull();
    expect(cell.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('become links only when they are http(s) URLs', () => {
    expect(safeHref('https://engine.example:8443/x')).toBe('https://engine.example:8443/x');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
    expect(endpointLink('javascript:alert(1)').nodeName).toBe('SPAN');
    expect(endpointLink('https://bad.example/\uFFFD(').nodeName).toBe('SPAN');
    const link = endpointLink('http://127.0.0.1:3101') as HTMLAnchorElement;
    expect(link.rel).toContain('noopener');
  });
});
