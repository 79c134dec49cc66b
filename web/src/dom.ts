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
    if (value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
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

/** An endpoint as a link when it is a safe URL, as plain text otherwise. */
export function endpointLink(url: string): Node {
  const href = safeHref(url);
  return href ? el('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank' }, url) : el('span', {}, url);
}
