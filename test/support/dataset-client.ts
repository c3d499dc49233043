/**
 * A device's side of the data set, for tests and the benchmark: download (since a cursor),
 * decompress as it arrives, apply records, keep the cursor of the last complete page. It can be
 * told to drop the connection after some bytes, as a train entering a tunnel would.
 */
import http from 'node:http';
import zlib from 'node:zlib';
import type { DatasetLine } from '../../domain';

export interface DeviceState {
  records: Map<string, unknown>;
  cursor: string;
}

export function newDevice(): DeviceState {
  return { records: new Map(), cursor: '0' };
}

export function countKind(device: DeviceState, kind: string): number {
  let n = 0;
  for (const k of device.records.keys()) if (k.startsWith(`${kind}:`)) n++;
  return n;
}

export interface DownloadResult {
  status: number;
  /** Bytes on the wire (compressed). */
  wireBytes: number;
  /** Bytes after decompression. */
  bytes: number;
  records: number;
  /** ms from the request to the first byte of the body. */
  ttfbMs: number;
  totalMs: number;
  completed: boolean;
  more: boolean;
  body?: unknown;
  headers: http.IncomingHttpHeaders;
  lines: DatasetLine[];
}

export interface DownloadOptions {
  baseUrl: string;
  since?: string;
  limit?: number;
  pages?: number;
  encoding?: 'br' | 'gzip' | 'identity';
  /** Sent as the x-test-user header (tests mount the router behind a stub that reads it). */
  user?: { id: string; email?: string; role: string };
  headers?: Record<string, string>;
  /** Destroy the socket after this many body bytes. */
  cutAfterBytes?: number;
  /** Keep the parsed lines (tests); the benchmark leaves them out to measure the device, not the array. */
  keepLines?: boolean;
  /** Count records without keeping them (the benchmark measures the hub's memory, not the device's). */
  discard?: boolean;
}

/**
 * Download into `device`: records are applied as they arrive, but the device's cursor moves only
 * when a page line (or the end line) arrives, so what a cut-off download kept is a whole page.
 */
export function download(device: DeviceState, o: DownloadOptions): Promise<DownloadResult> {
  const url = new URL('/api/catalogue/dataset', o.baseUrl);
  url.searchParams.set('since', o.since ?? device.cursor);
  if (o.limit) url.searchParams.set('limit', String(o.limit));
  if (o.pages) url.searchParams.set('pages', String(o.pages));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      {
        headers: {
          'accept-encoding': o.encoding ?? 'br, gzip',
          ...(o.user ? { 'x-test-user': JSON.stringify(o.user) } : {}),
          ...o.headers,
        },
      },
      (res) => {
        const result: DownloadResult = {
          status: res.statusCode ?? 0,
          wireBytes: 0,
          bytes: 0,
          records: 0,
          ttfbMs: -1,
          totalMs: 0,
          completed: false,
          more: false,
          headers: res.headers,
          lines: [],
        };
        const enc = res.headers['content-encoding'];
        const decoder = enc === 'br' ? zlib.createBrotliDecompress() : enc === 'gzip' ? zlib.createGunzip() : undefined;
        let pending: Array<[string, unknown]> = [];
        let text = '';
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          result.totalMs = performance.now() - started;
          if (result.status !== 200) {
            try {
              result.body = JSON.parse(text);
            } catch {
              result.body = text;
            }
          }
          resolve(result);
        };
        const onText = (chunk: string) => {
          if (result.status !== 200) {
            text += chunk;
            return;
          }
          text += chunk;
          let nl: number;
          while ((nl = text.indexOf('\n')) >= 0) {
            const line = text.slice(0, nl);
            text = text.slice(nl + 1);
            if (!line) continue;
            const parsed = JSON.parse(line) as DatasetLine;
            if (o.keepLines) result.lines.push(parsed);
            if ('c' in parsed) {
              result.records++;
              if (!o.discard) pending.push([`${parsed.k}:${parsed.id}`, parsed.del ? undefined : parsed.d]);
            } else if (parsed.type === 'page' || parsed.type === 'end') {
              // A complete page: commit it (a real device writes it to IndexedDB in one transaction).
              for (const [key, value] of pending) {
                if (value === undefined) device.records.delete(key);
                else device.records.set(key, value);
              }
              pending = [];
              device.cursor = parsed.cursor;
              if (parsed.type === 'end') {
                result.completed = true;
                result.more = parsed.more;
              }
            }
          }
        };
        if (decoder) {
          decoder.setEncoding('utf8');
          decoder.on('data', (c: string) => {
            result.bytes += Buffer.byteLength(c);
            onText(c);
          });
          decoder.on('end', finish);
          decoder.on('error', finish); // a cut-off compressed stream
        }
        res.on('data', (chunk: Buffer) => {
          if (result.ttfbMs < 0) result.ttfbMs = performance.now() - started;
          const room = o.cutAfterBytes !== undefined ? o.cutAfterBytes - result.wireBytes : Infinity;
          const part = room < chunk.length ? chunk.subarray(0, Math.max(0, room)) : chunk;
          result.wireBytes += part.length;
          if (decoder) decoder.write(part);
          else {
            result.bytes += part.length;
            onText(part.toString('utf8'));
          }
          if (room <= chunk.length) {
            req.destroy();
            if (decoder) decoder.end();
            else finish();
          }
        });
        res.on('end', () => (decoder ? decoder.end() : finish()));
        res.on('error', () => (decoder ? decoder.end() : finish()));
        res.on('aborted', () => (decoder ? decoder.end() : finish()));
      },
    );
    req.on('error', (err) => {
      if (o.cutAfterBytes !== undefined) return; // our own cut
      reject(err);
    });
  });
}
