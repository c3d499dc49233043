import { useMemo, useState } from 'preact/hooks';
import { chooseCustomer, draft } from '../order/draft-store';
import { useObservable } from '../observable';
import { go, href } from '../router';
import { customerIndex } from '../store/dataset';
import { count } from '../format';
import { useDataReady } from './use-data';

/** Customers: search, pick one for the order, or create a new one (works offline). */
export function Customers() {
  const { ready, version } = useDataReady();
  const [query, setQuery] = useState('');
  const selected = useObservable(draft).customerId;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutable: a new data version means new results
  const result = useMemo(() => (ready ? customerIndex.search(query, { limit: 40 }) : undefined), [ready, version, query]);

  return (
    <main id="main" class="screen">
      <div class="screen-head">
        <h2 tabIndex={-1}>Customers</h2>
        <a class="button button-small" href={href({ name: 'customer-new' })}>
          New customer
        </a>
      </div>
      <label class="search">
        <span class="visually-hidden">Search customers</span>
        <input type="search" placeholder="Search customers by name or city" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autocomplete="off" />
      </label>
      {!result ? (
        <p class="empty">Loading customers…</p>
      ) : result.total === 0 ? (
        <p class="empty">{customerIndex.size === 0 ? 'No customers on this device yet. Sync data, or create one.' : 'No customer matches.'}</p>
      ) : (
        <>
          <p class="muted" aria-live="polite">
            {count(result.total)} {result.total === 1 ? 'customer' : 'customers'}
          </p>
          <ul class="list" data-testid="customer-list">
            {result.hits.map((c) => (
              <li key={c.id} class={c.id === selected ? 'row selected' : 'row'}>
                <button
                  type="button"
                  class="row-main"
                  aria-pressed={c.id === selected}
                  onClick={() => {
                    chooseCustomer(c.id);
                    go({ name: 'products' });
                  }}
                >
                  <span class="row-title">{c.title}</span>
                  {c.sub && <span class="row-sub">{c.sub}</span>}
                </button>
                <a class="row-link" href={href({ name: 'customer', id: c.id })} aria-label={`${c.title}: details and order history`}>
                  History
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
