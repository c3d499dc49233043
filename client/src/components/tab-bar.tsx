import { href, type Route } from '../router';

const TABS: Array<{ route: Route; label: string }> = [
  { route: { name: 'customers' }, label: 'Customers' },
  { route: { name: 'products' }, label: 'Products' },
  { route: { name: 'cart' }, label: 'Cart' },
  { route: { name: 'documents' }, label: 'Orders' },
];

const section = (r: Route) => (r.name === 'customer' || r.name === 'customer-new' ? 'customers' : r.name === 'details' ? 'cart' : r.name);

/** The main sections; the cart shows how many lines it holds, the orders how many wait to be sent. */
export function TabBar({ route, cartCount, unsent }: { route: Route; cartCount: number; unsent: number }) {
  return (
    <nav class="tab-bar" aria-label="Sections">
      {TABS.map((t) => {
        const current = section(route) === t.route.name;
        const badge = t.route.name === 'cart' ? cartCount : t.route.name === 'documents' ? unsent : 0;
        return (
          <a key={t.label} href={href(t.route)} aria-current={current ? 'page' : undefined} class={current ? 'tab current' : 'tab'}>
            {t.label}
            {badge > 0 && (
              <span class="badge" data-testid={`${t.route.name}-badge`} aria-label={t.route.name === 'cart' ? `${badge} in cart` : `${badge} unsent`}>
                {badge}
              </span>
            )}
          </a>
        );
      })}
    </nav>
  );
}
