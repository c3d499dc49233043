/**
 * The catalogue API. Every route needs a signed-in user (`req.user`, set by the auth middleware);
 * the roles each route admits are listed beside it.
 *
 *   GET  /api/catalogue/dataset?since=<cursor>&limit=<page size>&pages=<max pages>   rep, support, admin
 *        (while the hub's first sync runs: `loading: {items}` in the start line, X-Catalogue-Loading)
 *   GET  /api/catalogue/items/:id/image                                               rep, support, admin
 *   POST /api/catalogue/sync     "sync from Zoho now"                                 admin
 *   GET  /api/catalogue/sync     progress of the running sync, counts of recent ones  admin, support
 */
import { Router } from 'express';
import { allow as allowRoles, userOf, type Auth } from '../auth';
import { ZohoRateLimitError } from '../../zoho/connector/errors';
import { chooseEncoding, compressedSink, CursorError, DEFAULT_PAGE_SIZE, formatCursor, MAX_PAGE_SIZE, parseCursor, streamDataset } from '../catalogue/dataset';
import type { CatalogueService } from '../catalogue/service';
import { AppError } from '../../server/errors';

function intParam(raw: unknown, name: string, min: number, max: number, fallback: number | undefined): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new AppError('invalid', `${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export function catalogueRouter(catalogue: CatalogueService, auth: Auth, log: (msg: string, err?: unknown) => void = console.error): Router {
  const router = Router();
  const allow = (...roles: Parameters<typeof allowRoles> extends [unknown, ...infer R] ? R : never) => allowRoles(auth.audit, ...roles);

  router.get('/catalogue/dataset', allow('rep', 'support', 'admin'), async (req, res) => {
    const [head, load] = await Promise.all([catalogue.store.head(), catalogue.loadStatus()]);
    const loading = load.state === 'loading' ? { items: load.items } : undefined;
    let since: number;
    try {
      since = parseCursor(req.query.since, head);
    } catch (err) {
      if (!(err instanceof CursorError)) throw err;
      res.status(400).json({ error: { message: err.message, code: err.code, restartFrom: '0' } });
      return;
    }
    const pageSize = intParam(req.query.limit, 'limit', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE)!;
    const maxPages = intParam(req.query.pages, 'pages', 1, 1_000_000, undefined);
    const encoding = chooseEncoding(req.get('accept-encoding'));
    res.status(200);
    res.set({
      'Content-Type': 'application/x-ndjson; charset=utf-8',
      'Cache-Control': 'no-store',
      Vary: 'Accept-Encoding',
      'X-Catalogue-Until': formatCursor(head.changeNo, head.epoch),
      // The hub's first sync from Zoho is still going: what is here is partial; ask again soon.
      ...(loading ? { 'X-Catalogue-Loading': `items=${loading.items}` } : {}),
      ...(encoding !== 'identity' ? { 'Content-Encoding': encoding } : {}),
    });
    res.flushHeaders();
    const sink = compressedSink(res, encoding);
    try {
      await streamDataset(catalogue.store, { sinceChangeNo: since, head, pageSize, maxPages, rep: catalogue.scopeFor(userOf(req)), loading }, sink);
      await sink.end();
    } catch (err) {
      // Headers are gone: cut the stream, so the device resumes from its last complete page.
      log('data set stream failed', err);
      res.destroy(err as Error);
    }
  });

  router.get('/catalogue/items/:id/image', allow('rep', 'support', 'admin'), async (req, res) => {
    const id = String(req.params.id);
    if (!/^[\w-]{1,64}$/.test(id)) throw new AppError('invalid', 'Not an item id');
    let image;
    try {
      image = await catalogue.image(id);
    } catch (err) {
      if (err instanceof ZohoRateLimitError) {
        res.set('Retry-After', String(Math.ceil(Math.max(1000, err.retryAfterMs) / 1000)));
        throw new AppError('unavailable', 'Zoho is busy; the image can be fetched again shortly');
      }
      throw err;
    }
    if (!image) throw new AppError('not_found', `Item ${id} has no image`);
    res.set({ ETag: image.etag, 'Cache-Control': 'private, max-age=86400', 'X-Content-Type-Options': 'nosniff' });
    const tags = (req.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
    if (tags.includes(image.etag) || tags.includes('*')) {
      res.status(304).end();
      return;
    }
    res.type(image.contentType).send(image.data);
  });

  router.post('/catalogue/sync', allow('admin'), async (_req, res) => {
    const started = await catalogue.syncNow();
    res.status(202).json(started);
  });

  router.get('/catalogue/sync', allow('admin', 'support'), async (_req, res) => {
    res.json(await catalogue.syncStatus());
  });

  return router;
}
