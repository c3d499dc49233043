/** Hash routes (`#/orders/<id>?q=…`): the hub serves one index.html for the whole console. */
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  /** Path segments, decoded: `#/orders/abc` gives `['orders', 'abc']`. */
  segments: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Location {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  return { segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

/** `#/orders/abc?q=x` from parts; empty query values are left out. */
export function href(segments: string[], query: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return `#/${segments.map(encodeURIComponent).join('/')}${text ? `?${text}` : ''}`;
}

export function navigate(segments: string[], query: Record<string, string | undefined> = {}, replace = false): void {
  const target = href(segments, query);
  if (replace) history.replaceState(null, '', target);
  else location.hash = target;
  if (replace) dispatchEvent(new HashChangeEvent('hashchange'));
}

export function useLocation(): Location {
  const [current, setCurrent] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setCurrent(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return current;
}
