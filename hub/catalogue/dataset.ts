/**
 * Serving the data set: everything changed since a cursor, streamed from the database in keyset
 * pages (never the whole set in memory), compressed, with a checkpoint after every page so a
 * download cut off halfway resumes from the last complete page.
 */
import zlib from 'node:zlib';
import type { Writable } from 'node:stream';
import { DATASET_SCHEMA } from '../../domain';
import type { CatalogueStore, StoredRow } from '../../server/catalogue/store';

export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 5000;

/** A cursor the hub cannot honour: the device must start over from since=0. */
export class CursorError extends Error {
  readonly code = 'cursor_invalid';
  constructor(reason: string) {
    super(`${reason}; start over with since=0 (a full download)`);
    this.name = 'CursorError';
  }
}

/** `<change number>.<catalogue epoch>`; the epoch refuses cursors of another (or a rebuilt) catalogue. */
export function formatCursor(changeNo: number, epoch: string): string {
  return `${changeNo}.${epoch}`;
}

/** The change number a cursor stands for, or a CursorError (malformed, foreign, or from the future). */
export function parseCursor(raw: unknown, head: { changeNo: number; epoch: string }): number {
  if (raw === undefined || raw === '' || raw === '0') return 0;
  if (typeof raw !== 'string') throw new CursorError('The cursor must be given once, as since=<cursor>');
  const m = /^(\d{1,15})\.([0-9a-f]{8})$/.exec(raw);
  if (!m) throw new CursorError(`"${raw.slice(0, 40)}" is not a cursor this hub issued`);
  if (m[2] !== head.epoch) throw new CursorError('The cursor belongs to another catalogue (the hub database was rebuilt)');
  const n = Number(m[1]);
  if (n > head.changeNo) throw new CursorError('The cursor is ahead of the hub');
  return n;
}

export function recordLine(row: StoredRow): string {
  const head = `{"c":${row.changeNo},"k":"${row.kind}","id":${JSON.stringify(row.key)}`;
  return row.deleted ? `${head},"del":1}\n` : `${head},"d":${row.data}}\n`;
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (brotli, then gzip; `q=0` refuses). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const ok = (n: string) => (accepted.get(n) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export interface DatasetRequest {
  sinceChangeNo: number;
  head: { changeNo: number; epoch: string };
  pageSize: number;
  /** Rep key when the data set is scoped to a rep's customers. */
  rep?: string;
  /** Stop after this many pages (the end line then says more: true). */
  maxPages?: number;
  /** The hub's catalogue is still loading (first sync): said in the start line. */
  loading?: { items: number };
}

export interface DatasetSink {
  /** Write a chunk; resolves when the consumer can take more (backpressure). */
  write(chunk: string): Promise<void>;
  /** Push everything written so far to the client (end of a page). */
  flush(): Promise<void>;
  /** The client went away: stop reading the database. */
  closed(): boolean;
}

export interface DatasetSummary {
  records: number;
  pages: number;
  cursor: string;
  more: boolean;
}

/** Stream the data set into `sink`: start line, records with a checkpoint per page, end line. */
export async function streamDataset(store: CatalogueStore, req: DatasetRequest, sink: DatasetSink): Promise<DatasetSummary> {
  const { head, pageSize } = req;
  const until = head.changeNo; // a snapshot: what changes while streaming comes next time
  await sink.write(
    `${JSON.stringify({ type: 'start', since: formatCursor(req.sinceChangeNo, head.epoch), until: formatCursor(until, head.epoch), scope: req.rep !== undefined ? 'rep' : 'all', schema: DATASET_SCHEMA, ...(req.loading ? { loading: req.loading } : {}) })}\n`,
  );
  await sink.flush();
  let after = req.sinceChangeNo;
  let records = 0;
  let pages = 0;
  let more = false;
  for (;;) {
    if (sink.closed()) break;
    if (req.maxPages !== undefined && pages >= req.maxPages) {
      more = after < until;
      break;
    }
    const rows = await store.page(after, until, pageSize, req.rep);
    if (rows.length === 0) break;
    let chunk = '';
    for (const row of rows) chunk += recordLine(row);
    after = rows[rows.length - 1]!.changeNo;
    records += rows.length;
    pages++;
    // The page's cursor: with fewer rows than asked for, the page reached `until` (scope filters skip rows).
    const cursor = rows.length < pageSize ? until : after;
    if (rows.length < pageSize) after = until;
    chunk += `${JSON.stringify({ type: 'page', cursor: formatCursor(cursor, head.epoch), records: rows.length })}\n`;
    await sink.write(chunk);
    await sink.flush();
    if (rows.length < pageSize) break;
  }
  const cursor = formatCursor(more ? after : sink.closed() ? after : until, head.epoch);
  await sink.write(`${JSON.stringify({ type: 'end', cursor, records, more })}\n`);
  await sink.flush();
  return { records, pages, cursor, more };
}

/** A sink over an HTTP response (or any Writable), compressing with `encoding`. */
export function compressedSink(out: Writable, encoding: Encoding): DatasetSink & { end(): Promise<void> } {
  const compressor =
    encoding === 'br'
      ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT } })
      : encoding === 'gzip'
        ? zlib.createGzip({ level: 6 })
        : undefined;
  const target: Writable = compressor ?? out;
  if (compressor) compressor.pipe(out);
  let closed = false;
  out.once('close', () => {
    closed = true;
  });
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        target.off('drain', done);
        out.off('close', done);
        resolve();
      };
      target.once('drain', done);
      out.once('close', done);
    });
  return {
    async write(chunk) {
      if (closed) return;
      if (!target.write(chunk)) await drained();
    },
    async flush() {
      if (closed || !compressor) return;
      // Sync flush: the page reaches the client now, and the compression dictionary is kept.
      const kind = encoding === 'br' ? zlib.constants.BROTLI_OPERATION_FLUSH : zlib.constants.Z_SYNC_FLUSH;
      await new Promise<void>((resolve) => compressor.flush(kind, () => resolve()));
    },
    closed: () => closed || out.destroyed,
    async end() {
      if (closed) return;
      await new Promise<void>((resolve) => {
        out.once('finish', resolve);
        out.once('close', resolve);
        target.end();
      });
    },
  };
}
