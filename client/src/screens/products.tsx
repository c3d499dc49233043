import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { ResolvedPrice } from '../domain';
import { ProductRow } from '../components/product-row';
import { ScanDialog } from '../components/scan-dialog';
import { codeSpellings } from '../scan/match';
import { count } from '../format';
import { useAsync, useOutbox } from '../hooks';
import { favouritesOf } from '../order/favourites';
import { cacheImages, keptCategories, setKept } from '../images';
import { addItem, draft } from '../order/draft-store';
import { useObservable } from '../observable';
import { href } from '../router';
import { getCustomer, getItems, itemIndex, loadMeta, priceFor, variantGroups, type ItemView } from '../store/dataset';
import type { SearchHit } from '../store/search-index';
import type { VariantGroup } from '../store/variant-groups';
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
  const [scanning, setScanning] = useState(false);
  const [scanNote, setScanNote] = useState<{ text: string; missed: boolean }>();
  const onCode = useCallback((code: string) => {
    setScanning(false);
    const found = itemIndex.findCode(codeSpellings(code));
    if (found.length === 0) {
      setScanNote({ text: `No product has the barcode ${code}.`, missed: true });
      return;
    }
    setScanNote({ text: `Scanned ${code}: ${found.length === 1 ? 'one product' : `${found.length} products`}.`, missed: false });
    setQuery(code);
  }, []);
  const closeScan = useCallback(() => setScanning(false), []);
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
  // A variant found by the search stands for its whole group: one row, with the variant the rep picked.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const rows = useMemo(() => groupedRows(result?.hits ?? [], chosen), [result, chosen]);
  // Before any search: the customer's usual products from this device's orders for them.
  const outbox = useOutbox();
  const usual = useMemo(
    () => (customer && !query && !category && outbox ? favouritesOf(outbox, [customer.id]).filter((f) => itemIndex.has(f.itemId)) : []),
    [customer, query, category, outbox],
  );
  const ids = [...rows.map((r) => r.itemId), ...usual.map((f) => f.itemId)];
  // Names come from the index at once; stock and the customer's price follow from IndexedDB.
  const details = useAsync(async () => {
    const items = await getItems(ids);
    const rows = await Promise.all(items.filter((i): i is ItemView => !!i).map(async (item) => ({ item, price: await priceFor(item, customer) }) as Row));
    return new Map(rows.map((r) => [r.item.id, r]));
  }, [ids.join(), customer]);
  const inCart = new Map(d.lines.map((l) => [l.itemId, l.quantity]));
  // Stock is shown at the location the order ships from (chosen on the details screen, else the default).
  const meta = useAsync(() => loadMeta(), [version]);
  const shipFromId = d.details.locationId || meta?.settings?.defaults.locationId;
  const shipFromRecord = shipFromId ? meta?.locations.get(shipFromId) : undefined;
  const shipFrom = shipFromId && shipFromRecord ? { id: shipFromId, name: shipFromRecord.name } : undefined;

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
            onInput={(e) => {
              setQuery(e.currentTarget.value);
              setScanNote(undefined);
            }}
            autocomplete="off"
            data-testid="product-search"
          />
        </label>
        <button type="button" class="button button-quiet" onClick={() => setScanning(true)} data-testid="scan">
          Scan
        </button>
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
      {scanning && <ScanDialog onCode={onCode} onClose={closeScan} />}
      {scanNote && (
        <p class={scanNote.missed ? 'field-error' : 'muted'} role={scanNote.missed ? 'alert' : 'status'} data-testid="scan-note">
          {scanNote.text}
        </p>
      )}
      {category && <KeepImages category={category} />}
      {usual.length > 0 && (
        <section aria-labelledby="usual-title">
          <h3 id="usual-title">Usual for {customer!.name}</h3>
          <ul class="list products" data-testid="usual-products">
            {usual.map((f) => {
              const row = details?.get(f.itemId);
              return (
                <ProductRow
                  key={f.itemId}
                  itemId={f.itemId}
                  title={row?.item.name ?? f.name}
                  item={row?.item}
                  price={row?.price}
                  inCart={inCart.get(f.itemId)}
                  note={`${count(f.lastQuantity)} last time · on ${f.times} ${f.times === 1 ? 'order' : 'orders'}`}
                  location={shipFrom}
                  onAdd={addItem}
                />
              );
            })}
          </ul>
          <h3>All products</h3>
        </section>
      )}
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
            {rows.map(({ hit, group, itemId }) => {
              const row = details?.get(itemId);
              return (
                <ProductRow
                  key={group?.groupId ?? hit.id}
                  itemId={itemId}
                  title={hit.title}
                  sku={itemId === hit.id ? hit.sub : undefined}
                  item={row?.item}
                  price={row?.price}
                  group={group}
                  inCart={inCart.get(itemId)}
                  location={shipFrom}
                  onAdd={addItem}
                  onPick={(id) => group && setChosen((c) => ({ ...c, [group.groupId]: id }))}
                />
              );
            })}
          </ul>
        </>
      )}
    </main>
  );
}

/** Hits in order, each group once (at its first hit), showing the variant picked for it or the one found. */
function groupedRows(hits: SearchHit[], chosen: Record<string, string>): Array<{ hit: SearchHit; group?: VariantGroup; itemId: string }> {
  const seen = new Set<string>();
  const rows: Array<{ hit: SearchHit; group?: VariantGroup; itemId: string }> = [];
  for (const hit of hits) {
    const groupId = variantGroups.groupIdOf(hit.id);
    const group = groupId ? variantGroups.get(groupId) : undefined;
    if (!group || group.variants.length < 2) {
      rows.push({ hit, itemId: hit.id });
      continue;
    }
    if (seen.has(group.groupId)) continue;
    seen.add(group.groupId);
    const picked = chosen[group.groupId];
    rows.push({ hit, group, itemId: picked && group.variants.some((v) => v.itemId === picked) ? picked : hit.id });
  }
  return rows;
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
