import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ResolvedPrice } from '../domain';
import { count, money } from '../format';
import { useAsync } from '../hooks';
import { cacheImages, keptCategories, setKept } from '../images';
import { imageUrl } from '../images-shared';
import { addItem, draft } from '../order/draft-store';
import { useObservable } from '../observable';
import { href } from '../router';
import { getCustomer, getItems, itemIndex, priceFor, type ItemView } from '../store/dataset';
import { useDataReady } from './use-data';

interface Row {
  item: ItemView;
  price: ResolvedPrice;
}

/** Products: search by name or SKU, browse by category, the customer's price, stock, + to add. */
export function Products() {
  const { ready, version } = useDataReady();
  const d = useObservable(draft);
  const customer = useAsync(() => (d.customerId ? getCustomer(d.customerId) : Promise.resolve(undefined)), [d.customerId, version]);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState('');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutable: a new data version means new groups
  const categories = useMemo(() => (ready ? itemIndex.groups() : []), [ready, version]);
  const result = useMemo(() => {
    if (!ready) return undefined;
    const started = performance.now();
    const found = itemIndex.search(query, { group: category || undefined, limit: 30 });
    performance.measure('satchel:search', { start: started, detail: { query, total: found.total } });
    return found;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the index is mutable: a new data version means new results
  }, [ready, version, query, category]);
  const ids = result?.hits.map((h) => h.id) ?? [];
  // Names come from the index at once; stock and the customer's price follow from IndexedDB.
  const details = useAsync(async () => {
    const items = await getItems(ids);
    const rows = await Promise.all(items.filter((i): i is ItemView => !!i).map(async (item) => ({ item, price: await priceFor(item, customer) }) as Row));
    return new Map(rows.map((r) => [r.item.id, r]));
  }, [ids.join(), customer]);
  const inCart = new Map(d.lines.map((l) => [l.itemId, l.quantity]));

  return (
    <main id="main" class="screen">
      <div class="screen-head">
        <h2 tabIndex={-1}>Products</h2>
        <p class="for-customer" data-testid="selected-customer">
          {customer ? (
            <>
              For <strong>{customer.name}</strong>
            </>
          ) : (
            <a href={href({ name: 'customers' })}>Choose a customer</a>
          )}
        </p>
      </div>
      <div class="filters">
        <label class="search">
          <span class="visually-hidden">Search products by name, SKU or barcode</span>
          <input
            type="search"
            placeholder="Search by name, SKU or barcode"
            value={query}
            onInput={(e) => setQuery(e.currentTarget.value)}
            autocomplete="off"
            data-testid="product-search"
          />
        </label>
        {categories.length > 0 && (
          <label>
            <span class="visually-hidden">Category</span>
            <select value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">All categories</option>
              {categories.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {category && <KeepImages category={category} />}
      {!result ? (
        <p class="empty">Loading products…</p>
      ) : result.total === 0 ? (
        <p class="empty">{itemIndex.size === 0 ? 'No products on this device yet. Sync data first.' : 'No product matches.'}</p>
      ) : (
        <>
          <p class="muted" aria-live="polite">
            {result.total > result.hits.length ? `First ${result.hits.length} of ${count(result.total)}` : `${count(result.total)} products`}
          </p>
          <ul class="list products" data-testid="product-list">
            {result.hits.map((hit) => {
              const row = details?.get(hit.id);
              const item = row?.item;
              return (
                <li key={hit.id} class="row product" data-item-id={hit.id}>
                  {item?.image ? (
                    <img
                      class="thumb"
                      src={imageUrl(hit.id)}
                      alt=""
                      width={56}
                      height={56}
                      loading="lazy"
                      onError={(e) => (e.currentTarget.style.visibility = 'hidden')}
                    />
                  ) : (
                    <span class="thumb" aria-hidden="true" />
                  )}
                  <div class="row-main static">
                    <span class="row-title">{hit.title}</span>
                    <span class="row-sub">
                      {hit.sub && <span>SKU {hit.sub}</span>}
                      {item && (
                        <span class={item.stock && item.stock.total <= 0 ? 'stock out' : 'stock'}>
                          {item.stock ? `${count(item.stock.total)} in stock` : 'Stock unknown'}
                        </span>
                      )}
                    </span>
                  </div>
                  <div class="row-end">
                    <span class="price" data-testid="price">
                      {row ? money({ amount: row.price.unitPrice, currency: row.price.currency }) : '…'}
                    </span>
                    <button type="button" class="add" aria-label={`Add ${hit.title}`} onClick={() => addItem(hit.id)}>
                      +
                    </button>
                    {inCart.has(hit.id) && <span class="in-cart">{inCart.get(hit.id)} in cart</span>}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </main>
  );
}

function KeepImages({ category }: { category: string }) {
  const [kept, setKeptState] = useState(false);
  const [progress, setProgress] = useState<string>();
  useEffect(() => {
    void keptCategories().then((k) => setKeptState(k.includes(category)));
  }, [category]);
  const toggle = async (keep: boolean) => {
    setKeptState(keep);
    await setKept(category, keep);
    if (!keep) return;
    const ids = itemIndex.idsIn(category);
    const stored = await cacheImages(ids, (done, of) => setProgress(`${done} of ${of} images`));
    setProgress(`${stored} new images kept offline`);
  };
  return (
    <label class="check">
      <input type="checkbox" checked={kept} onChange={(e) => void toggle(e.currentTarget.checked)} />
      Keep images of this category offline
      {progress && <span class="muted"> · {progress}</span>}
    </label>
  );
}
