/**
 * The worker's own metrics endpoint: a bare HTTP server on a separate port (WORKER_METRICS_PORT),
 * never reachable through the hub. /metrics (bearer token too when METRICS_TOKEN is set) and
 * /healthz, which the container health check uses.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { bearerMatches, METRICS_CONTENT_TYPE } from './metrics';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

export async function serveMetrics(o: { registry: Registry; host: string; port: number; token?: string }): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return answer(res, 405, 'GET only');
    if (path === '/healthz') return answer(res, 200, 'ok');
    if (path !== '/metrics') return answer(res, 404, 'not found: /metrics or /healthz');
    if (o.token && !bearerMatches(req.headers.authorization, o.token)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return answer(res, 401, 'metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    o.registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE });
        res.end(text);
      },
      (err: Error) => answer(res, 500, err.message),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}
