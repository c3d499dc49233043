/**
 * One row of the products list: an item, or an item group shown once with a picker per option
 * (Size, Colour) that chooses the variant whose SKU, price, stock and image the row then shows and
 * whose + adds it. The screen (screens/products.tsx) decides which variant is chosen.
 */
import type { ResolvedPrice } from '../domain';
import { count, money } from '../format';
import { imageUrl } from '../images-shared';
import type { ItemView } from '../store/dataset';
import { optionValues, pickVariant, type VariantGroup } from '../store/variant-groups';

export interface ProductRowProps {
  /** The item shown: the chosen variant of a group. */
  itemId: string;
  title: string;
  sku?: string;
  item?: ItemView;
  price?: ResolvedPrice;
  group?: VariantGroup;
  inCart?: string;
  /** A line of context under the name ("3 last time"). */
  note?: string;
  /** The location the order ships from, to show its stock beside the total. */
  location?: { id: string; name: string };
  onAdd(itemId: string): void;
  onPick?(itemId: string): void;
}

export function ProductRow({ itemId, title, sku, item, price, group, inCart, note, location, onAdd, onPick }: ProductRowProps) {
  const chosen = group?.variants.find((v) => v.itemId === itemId);
  const options = Object.fromEntries((chosen?.options ?? []).map((o) => [o.name, o.value]));
  const name = group ? group.name : title;
  const shownSku = item?.sku ?? sku;
  return (
    <li class={group ? 'row product product-group' : 'row product'} data-item-id={itemId} data-group-id={group?.groupId}>
      {item?.image ? (
        <img class="thumb" src={imageUrl(itemId)} alt="" width={56} height={56} loading="lazy" onError={(e) => (e.currentTarget.style.visibility = 'hidden')} />
      ) : (
        <span class="thumb" aria-hidden="true" />
      )}
      <div class="row-main static">
        <span class="row-title">{name}</span>
        {group && (
          <span class="variant-pickers" role="group" aria-label={`Options of ${name}`}>
            {group.attributes.map((attribute) => {
              const id = `opt-${group.groupId}-${attribute}`.replace(/[^A-Za-z0-9_-]/g, '_');
              return (
                <span class="variant-picker" key={attribute}>
                  <label for={id}>{attribute}</label>
                  <select
                    id={id}
                    value={options[attribute] ?? ''}
                    onChange={(e) => {
                      const next = pickVariant(group, { ...options, [attribute]: e.currentTarget.value }, attribute);
                      if (next) onPick?.(next.itemId);
                    }}
                  >
                    {optionValues(group, attribute).map((value) => (
                      <option key={value} value={value}>
                        {value}
                      </option>
                    ))}
                  </select>
                </span>
              );
            })}
          </span>
        )}
        <span class="row-sub">
          {shownSku && <span>SKU {shownSku}</span>}
          {item && <StockText stock={item.stock} location={location} />}
          {note && <span class="note">{note}</span>}
        </span>
      </div>
      <div class="row-end">
        <span class="price" data-testid="price">
          {price ? money({ amount: price.unitPrice, currency: price.currency }) : '…'}
        </span>
        <button
          type="button"
          class="add"
          aria-label={`Add ${group && chosen ? `${name} (${chosen.options.map((o) => o.value).join(', ')})` : name}`}
          onClick={() => onAdd(itemId)}
        >
          +
        </button>
        {inCart && <span class="in-cart">{inCart} in cart</span>}
      </div>
    </li>
  );
}

/** Stock at the order's location when Zoho gave it per location, with the total beside it; else the total. */
function StockText({ stock, location }: { stock: ItemView['stock']; location?: { id: string; name: string } }) {
  if (!stock) return <span class="stock">Stock unknown</span>;
  const here = location && stock.at ? stock.at[location.id] : undefined;
  if (here === undefined) return <span class={stock.total <= 0 ? 'stock out' : 'stock'}>{`${count(stock.total)} in stock`}</span>;
  return <span class={here <= 0 ? 'stock out' : 'stock'}>{`${count(here)} at ${location!.name} (${count(stock.total)} in all)`}</span>;
}
