/**
 * An in-memory search index over one kind of record, persisted in buckets (records hashed by id), so
 * the first load is a handful of reads and a delta rewrites only the buckets it touched.
 * Search is a linear scan over lower-cased text: 50,000 entries take a few milliseconds, and
 * matching substrings anywhere (a SKU fragment, a word mid-name) is what reps expect.
 */
import { getMany, setMany } from 'idb-keyval';
import { store } from './db';

/**
 * [id, haystack, title, subtitle, group]: for items the subtitle is the SKU, the group the category.
 * The haystack is `<folded subtitle>\t<folded title>`, so a prefix test on either is one call.
 */
export type IndexEntry = [id: string, hay: string, title: string, sub: string, group: string];

export interface SearchHit {
  id: string;
  title: string;
  sub: string;
  group: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Every match, not only those returned. */
  total: number;
}

/** Lower case, accents off: "Müller" is found by "muller". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

function bucketOf(id: string, buckets: number): number {
  let h = 2166136261; // FNV-1a
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % buckets;
}

export class SearchIndex {
  private readonly buckets: Array<Map<string, IndexEntry>>;
  private readonly dirty = new Set<number>();
  private sorted?: IndexEntry[];
  private groupsCache?: string[];
  /** The previous search and all its matches, for narrowing. */
  private last?: { query: string; group?: string; matches: IndexEntry[] };

  constructor(
    /** Key prefix in the `index` store, e.g. "item". */
    readonly name: string,
    readonly bucketCount: number,
  ) {
    this.buckets = Array.from({ length: bucketCount }, () => new Map());
  }

  private keys(): string[] {
    return this.buckets.map((_, i) => `${this.name}:${i}`);
  }

  async load(): Promise<void> {
    const stored = await getMany<IndexEntry[]>(this.keys(), store('index'));
    stored.forEach((entries, i) => {
      const bucket = this.buckets[i]!;
      bucket.clear();
      for (const e of entries ?? []) bucket.set(e[0], e);
    });
    this.changed();
  }

  /** Write the buckets changed since the last save. */
  async save(): Promise<void> {
    if (this.dirty.size === 0) return;
    const touched = [...this.dirty];
    this.dirty.clear();
    await setMany(
      touched.map((i) => [`${this.name}:${i}`, [...this.buckets[i]!.values()]]),
      store('index'),
    );
  }

  clear(): void {
    this.buckets.forEach((b, i) => {
      b.clear();
      this.dirty.add(i);
    });
    this.changed();
  }

  /** `codes`: more text that finds the entry but is not shown (an item's barcodes). */
  put(id: string, title: string, sub = '', group = '', codes: readonly string[] = []): void {
    const i = bucketOf(id, this.bucketCount);
    const extra = codes.length ? `\t${codes.map(fold).join('\t')}` : '';
    this.buckets[i]!.set(id, [id, `${fold(sub)}\t${fold(title)}${extra}`, title, sub, group]);
    this.dirty.add(i);
    this.changed();
  }

  remove(id: string): void {
    const i = bucketOf(id, this.bucketCount);
    if (this.buckets[i]!.delete(id)) {
      this.dirty.add(i);
      this.changed();
    }
  }

  /** Ids whose code (barcode) or subtitle (SKU) is exactly one of `codes`: a scan, not a search. */
  findCode(codes: readonly string[]): string[] {
    const wanted = new Set(codes.map(fold));
    const out: string[] = [];
    for (const b of this.buckets) {
      for (const e of b.values()) {
        const fields = e[1].split('\t');
        if (wanted.has(fields[0]!) || fields.slice(2).some((f) => wanted.has(f))) out.push(e[0]);
      }
    }
    return out;
  }

  has(id: string): boolean {
    return this.buckets[bucketOf(id, this.bucketCount)]!.has(id);
  }

  get size(): number {
    return this.buckets.reduce((n, b) => n + b.size, 0);
  }

  /** Distinct non-empty groups (categories), sorted. */
  groups(): string[] {
    if (!this.groupsCache) {
      const set = new Set<string>();
      for (const e of this.all()) if (e[4]) set.add(e[4]);
      this.groupsCache = [...set].sort((a, b) => a.localeCompare(b));
    }
    return this.groupsCache;
  }

  /** Ids of every entry in `group`. */
  idsIn(group: string): string[] {
    return this.all()
      .filter((e) => e[4] === group)
      .map((e) => e[0]);
  }

  /**
   * Entries whose text holds every word of `query` (in any order), best first: a code or title
   * that starts with the query, then titles holding it as typed, then the rest; each tier by title.
   * Typing forward narrows: when the query extends the previous one, only the previous matches
   * are scanned again (every keystroke after the first few looks at a fraction of the set).
   */
  search(query: string, { group, limit = 50 }: { group?: string; limit?: number } = {}): SearchResult {
    const folded = fold(query).replace(/\s+/g, ' ').trimStart();
    const words = folded.split(' ').filter(Boolean);
    const phrase = words.join(' ');
    const last = this.last;
    const candidates = last && last.group === group && folded.startsWith(last.query) ? last.matches : this.all();
    const matches: IndexEntry[] = [];
    const t0: IndexEntry[] = [];
    const t1: IndexEntry[] = [];
    const t2: IndexEntry[] = [];
    const t3: IndexEntry[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const e = candidates[i]!;
      if (group && e[4] !== group) continue;
      const hay = e[1];
      let ok = true;
      for (const w of words) {
        if (!hay.includes(w)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      matches.push(e);
      // A code that starts with what was typed, a title that does, the words together, the rest.
      // A tier is only worked out while it can still reach the first `limit` (the string tests
      // cost more than the match itself on a one-letter query).
      if (!phrase) {
        if (t3.length < limit) t3.push(e);
        continue;
      }
      if (hay.startsWith(phrase)) {
        if (t0.length < limit) t0.push(e);
        continue;
      }
      let room = limit - t0.length - t1.length;
      if (room <= 0) continue;
      if (hay.startsWith(phrase, hay.indexOf('\t') + 1)) {
        t1.push(e);
        continue;
      }
      room -= t2.length;
      if (room <= 0) continue;
      if (hay.includes(phrase)) t2.push(e);
      else if (room - t3.length > 0) t3.push(e);
    }
    this.last = { query: folded, group, matches };
    const hits = [...t0, ...t1, ...t2, ...t3].slice(0, limit).map((e) => ({ id: e[0], title: e[2], sub: e[3], group: e[4] }));
    return { hits, total: matches.length };
  }

  /** Sort once ahead of the first search (call when idle). */
  warm(): void {
    this.all();
  }

  /** Every entry, sorted by title (cached until the next change). */
  private all(): IndexEntry[] {
    if (!this.sorted) {
      const list: IndexEntry[] = [];
      for (const b of this.buckets) for (const e of b.values()) list.push(e);
      list.sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
      this.sorted = list;
    }
    return this.sorted;
  }

  private changed(): void {
    this.sorted = undefined;
    this.groupsCache = undefined;
    this.last = undefined;
  }
}
