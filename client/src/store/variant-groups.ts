/**
 * Zoho item groups on the device: which items are variants of one product, and each variant's
 * options (Size: M, Colour: Black). The products screen shows a group as one row with a picker per
 * option; this is what it picks from. Kept in memory beside the search index and saved with it (one
 * key in the `index` store), so a cold start does not scan 50,000 items to find the groups.
 */
import { get, set } from 'idb-keyval';
import type { ItemVariant } from '../domain';
import { store } from './db';

export interface Variant {
  itemId: string;
  options: ItemVariant['options'];
}

export interface VariantGroup {
  groupId: string;
  name: string;
  /** The option names in the group's order (Size, Colour). */
  attributes: string[];
  variants: Variant[];
}

const KEY = 'variants';
type Saved = Array<[groupId: string, name: string, variants: Array<[itemId: string, options: ItemVariant['options']]>]>;

export class VariantGroups {
  private readonly groups = new Map<string, { name: string; variants: Map<string, ItemVariant['options']> }>();
  private readonly groupOf = new Map<string, string>();
  private dirty = false;

  /** An item as the sync writes it: a variant joins its group, anything else leaves the one it was in. */
  put(itemId: string, variant: ItemVariant | undefined): void {
    const was = this.groupOf.get(itemId);
    if (was && was !== variant?.groupId) this.remove(itemId);
    if (!variant) return;
    let group = this.groups.get(variant.groupId);
    if (!group) this.groups.set(variant.groupId, (group = { name: variant.groupName, variants: new Map() }));
    group.name = variant.groupName;
    group.variants.set(itemId, variant.options);
    this.groupOf.set(itemId, variant.groupId);
    this.dirty = true;
  }

  remove(itemId: string): void {
    const groupId = this.groupOf.get(itemId);
    if (!groupId) return;
    this.groupOf.delete(itemId);
    const group = this.groups.get(groupId);
    group?.variants.delete(itemId);
    if (group && group.variants.size === 0) this.groups.delete(groupId);
    this.dirty = true;
  }

  clear(): void {
    this.groups.clear();
    this.groupOf.clear();
    this.dirty = true;
  }

  /** The group an item is a variant of. */
  groupIdOf(itemId: string): string | undefined {
    return this.groupOf.get(itemId);
  }

  get(groupId: string): VariantGroup | undefined {
    const group = this.groups.get(groupId);
    if (!group) return undefined;
    const variants = [...group.variants].map(([itemId, options]) => ({ itemId, options }));
    const attributes: string[] = [];
    for (const v of variants) for (const o of v.options) if (!attributes.includes(o.name)) attributes.push(o.name);
    return { groupId, name: group.name, attributes, variants };
  }

  async load(): Promise<void> {
    const saved = (await get<Saved>(KEY, store('index'))) ?? [];
    this.groups.clear();
    this.groupOf.clear();
    for (const [groupId, name, variants] of saved) {
      this.groups.set(groupId, { name, variants: new Map(variants) });
      for (const [itemId] of variants) this.groupOf.set(itemId, groupId);
    }
    this.dirty = false;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    const saved: Saved = [...this.groups].map(([groupId, g]) => [groupId, g.name, [...g.variants]]);
    await set(KEY, saved, store('index'));
  }
}

/**
 * The variant whose options are `chosen` (by option name); failing an exact match, the first that
 * has the option just changed, so a pick never lands on nothing.
 */
export function pickVariant(group: VariantGroup, chosen: Record<string, string>, changed?: string): Variant | undefined {
  const matches = (v: Variant, names: string[]) => names.every((n) => v.options.find((o) => o.name === n)?.value === chosen[n]);
  return (
    group.variants.find((v) => matches(v, group.attributes)) ?? (changed ? group.variants.find((v) => matches(v, [changed])) : undefined) ?? group.variants[0]
  );
}

/** The values an option takes across the group, in first-seen order. */
export function optionValues(group: VariantGroup, attribute: string): string[] {
  const values: string[] = [];
  for (const v of group.variants) {
    const value = v.options.find((o) => o.name === attribute)?.value;
    if (value !== undefined && !values.includes(value)) values.push(value);
  }
  return values;
}
