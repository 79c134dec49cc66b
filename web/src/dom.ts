// Every string on these pages may come from a stranger's engine advert: it only ever becomes text.

type Child = Node | string | number | null | undefined | false;

/** An element with attributes and children; strings become text nodes, never HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'style') throw new Error('the Content-Security-Policy refuses style attributes: use widthPercent');
    if (value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Characters that print as nothing or reorder what follows: C0 and C1 controls, zero-width marks, bidi overrides.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A stranger's string with every invisible or reordering character shown as a visible mark (NUL as ␀, other C0
 * controls as their control pictures, the rest as ⟨U+XXXX⟩), so what one reads is what was published.
 */
export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x20) return String.fromCodePoint(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

/** Sets a width in percent through the CSSOM, which the app's Content-Security-Policy allows (style attributes not). */
export function widthPercent<T extends HTMLElement>(node: T, percent: number): T {
  node.style.width = `${percent}%`;
  return node;
}

/** The URL if it is an absolute http(s) URL, else null: only those become links. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * An endpoint as a link when it is a safe URL, as plain text otherwise. Text with U+FFFD is no link either: there
 * the published bytes were not UTF-8, so what is shown is not the address the engine gave.
 */
export function endpointLink(url: string): Node {
  const href = safeHref(url);
  const text = visible(url);
  const linkable = href && text === url && !url.includes('\uFFFD');
  return linkable ? el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, url)
    : el('span', {}, text);
}
