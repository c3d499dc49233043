/** Small helpers shared by the sandbox modules: Zoho timestamps, money rounding, deterministic randomness. */

/** Zoho's timestamp style: `2026-06-11T17:38:06+0000` (the sandbox keeps everything in UTC). */
export function zohoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export function zohoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses `2026-06-11T17:38:06-0700`, `...-07:00`, `...Z`, or a bare date. NaN when unreadable. */
export function parseZohoTime(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s.trim());
  if (!m) return NaN;
  const time = m[2] ?? '00:00:00';
  let zone = m[3] ?? 'Z';
  if (/^[+-]\d{4}$/.test(zone)) zone = `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return Date.parse(`${m[1]}T${time.length === 5 ? `${time}:00` : time}${zone}`);
}

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}

/** mulberry32: tiny, fast, good enough for demo data, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream per (seed, kind, index): entity i is the same whatever the seed's size. */
export function streamFor(seed: number, kind: number, index: number): () => number {
  let h = (seed ^ Math.imul(kind + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return prng(h);
}

export function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

export function escapeHtml(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
