/** Hash routes (#/products): deep links work offline, since every navigation gets the one index.html. */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'customers' }
  | { name: 'customer-new' }
  | { name: 'customer'; id: string }
  | { name: 'products' }
  | { name: 'cart' }
  | { name: 'details' }
  | { name: 'documents' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'customers':
      return parts[1] === 'new' ? { name: 'customer-new' } : parts[1] ? { name: 'customer', id: parts[1] } : { name: 'customers' };
    case 'products':
      return { name: 'products' };
    case 'cart':
      return { name: 'cart' };
    case 'details':
      return { name: 'details' };
    case 'documents':
      return { name: 'documents' };
    default:
      return { name: 'customers' };
  }
}

export function href(route: Route): string {
  switch (route.name) {
    case 'customer-new':
      return '#/customers/new';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.name}`;
  }
}

export function go(route: Route): void {
  location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => {
      setRoute(parseRoute(location.hash));
      // A new screen: move focus to its heading for screen readers and keyboards.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('main h2')?.focus());
    };
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}
