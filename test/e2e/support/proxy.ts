/**
 * A loopback HTTP proxy between the browser and the hub: the browser only ever talks to it, so a
 * test can make the hub unreachable (every connection is cut: a network error, in any browser,
 * for the page and the service worker alike) and inject the answers a replay must survive.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Fault {
  method: string;
  path: RegExp;
  /** Answer with this status and body instead of asking the hub... */
  status?: number;
  body?: unknown;
  /** ...or forward to the hub, then cut the connection instead of relaying its answer. */
  dropAnswer?: boolean;
  /** How many matching requests it applies to. */
  times: number;
}

export interface Seen {
  method: string;
  path: string;
  /** What the browser got: the hub's status, the injected one, or 0 when cut. */
  status: number;
  /** What the hub answered, when it was asked. */
  hubStatus?: number;
  body?: string;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface Proxy {
  url: string;
  port: number;
  /** Cut every connection, now and until `up()`. */
  down(): void;
  up(): void;
  isUp(): boolean;
  fault(f: Fault): void;
  seen: Seen[];
  close(): Promise<void>;
}

export async function startProxy(target: { host: string; port: number }, port = 0): Promise<Proxy> {
  let up = true;
  const faults: Fault[] = [];
  const seen: Seen[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    if (!up) {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const record: Seen = {
        method: req.method ?? 'GET',
        path,
        status: 0,
        at: Date.now(),
        ...(body.length && body.length < 1_000_000 ? { body: body.toString('utf8') } : {}),
      };
      seen.push(record);
      const fault = faults.find((f) => f.times > 0 && f.method === req.method && f.path.test(path));
      if (fault) fault.times--;
      if (fault?.status) {
        record.status = fault.status;
        res.writeHead(fault.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(fault.body ?? { error: { message: `Injected ${fault.status}` } }));
        return;
      }
      const upstream = http.request({ host: target.host, port: target.port, method: req.method, path, headers: req.headers }, (hubRes) => {
        record.hubStatus = hubRes.statusCode;
        if (fault?.dropAnswer) {
          hubRes.resume();
          hubRes.on('end', () => req.socket.destroy());
          return;
        }
        record.status = hubRes.statusCode ?? 0;
        res.writeHead(hubRes.statusCode ?? 502, hubRes.headers);
        hubRes.pipe(res);
      });
      upstream.on('error', () => req.socket.destroy());
      upstream.end(body);
    });
  });
  server.on('connection', (s) => {
    if (!up) {
      s.destroy();
      return;
    }
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    down() {
      up = false;
      for (const s of sockets) s.destroy();
    },
    up() {
      up = true;
    },
    isUp: () => up,
    fault: (f) => faults.push(f),
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
