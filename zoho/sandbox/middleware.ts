/**
 * The gate in front of every API call, in Zoho's order: count it, check the token (57), the
 * organization, the limits (429 with X-Rate-Limit-* headers), then apply injected faults.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { fail, type SandboxContext } from './context';
import { CODES } from './errors';
import { parseMultipart } from './multipart';

const RECENT = 200;

export function recordStats(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    ctx.stats.apiCalls++;
    const entry = { at: ctx.now(), method: req.method, path: req.path, query: { ...req.query }, status: 'dropped' as number | 'dropped' };
    ctx.stats.recent.push(entry);
    if (ctx.stats.recent.length > RECENT) ctx.stats.recent.shift();
    res.on('close', () => {
      if (res.writableFinished) {
        entry.status = res.statusCode;
        ctx.stats.byStatus[res.statusCode] = (ctx.stats.byStatus[res.statusCode] ?? 0) + 1;
      } else {
        ctx.stats.dropped++;
      }
    });
    next();
  };
}

export function requireToken(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const m = /^Zoho-oauthtoken\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m || !ctx.tokens.valid(m[1]!)) {
      fail(res, 401, CODES.unauthorized, 'You are not authorized to perform this operation');
      return;
    }
    next();
  };
}

export function requireOrganization(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' && req.path === '/organizations') return next();
    const org = req.query.organization_id;
    if (typeof org !== 'string' || org === '') {
      fail(res, 400, CODES.organization, 'organization_id is required for this operation.');
      return;
    }
    if (org !== ctx.organizationId) {
      fail(res, 400, CODES.organization, `This user is not associated with the CompanyID/CompanyName:${org}.`);
      return;
    }
    next();
  };
}

export function enforceLimits(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const admitted = ctx.limits.enter(ctx.organizationId);
    if (!admitted.ok) {
      ctx.stats.rateLimited[admitted.code] = (ctx.stats.rateLimited[admitted.code] ?? 0) + 1;
      fail(res, admitted.status, admitted.code, admitted.message, admitted.headers);
      return;
    }
    res.set(admitted.headers);
    res.on('close', admitted.leave); // in flight until the answer is out (or the socket died)
    next();
  };
}

export function injectFaults(ctx: SandboxContext, oauth = false): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const f = ctx.faults;
    if (!f.applies(req.method, `${req.baseUrl}${req.path}`, oauth)) return next();
    if (f.latencyMs > 0) {
      const generation = ctx.store.generation;
      await new Promise((r) => setTimeout(r, f.latencyMs));
      // A reset happened meanwhile (the next test): this request belonged to the old state.
      if (ctx.store.generation !== generation) {
        req.socket.destroy();
        return;
      }
    }
    if (f.take('resets')) {
      req.socket.destroy();
      return;
    }
    if (f.take('errors5xx')) {
      fail(res, f.status5xx, CODES.internal, 'Internal error');
      return;
    }
    if (req.method === 'POST' && f.armed('commitThenDrop')) res.locals.commitThenDrop = () => f.take('commitThenDrop');
    next();
  };
}

/**
 * Zoho is down: the call fails before Zoho looks at anything (no token check, nothing counted
 * against the limits, nothing stored), as an outage in front of Zoho's servers would.
 */
export function outageGate(ctx: SandboxContext): RequestHandler {
  return (req, res, next) => {
    const how = ctx.outage.failure();
    if (how === undefined) return next();
    if (how === 'reset') {
      req.socket.destroy();
      return;
    }
    fail(res, 500, CODES.internal, 'Internal Error');
  };
}

/** JSON bodies, and `JSONString=<json>` in a form, the query string or a multipart form (Zoho's `curl -F`). */
export function parseBodies(): RequestHandler[] {
  return [
    express.json({ limit: '5mb' }),
    express.urlencoded({ extended: false, limit: '5mb' }),
    express.raw({ type: 'multipart/form-data', limit: '20mb' }),
    (req, res, next) => {
      const body = req.body as Record<string, unknown> | undefined;
      // A multipart form's JSONString field (an attachment upload has none: its raw body stays for the route).
      const multipart = Buffer.isBuffer(req.body)
        ? parseMultipart(req.body, req.get('content-type') ?? '').find((p) => p.name === 'JSONString' && p.filename === undefined)
        : undefined;
      const jsonString =
        multipart !== undefined
          ? multipart.data.toString('utf8')
          : typeof body?.JSONString === 'string'
            ? body.JSONString
            : typeof req.query.JSONString === 'string'
              ? req.query.JSONString
              : undefined;
      if (jsonString !== undefined) {
        try {
          req.body = JSON.parse(jsonString) as unknown;
        } catch {
          fail(res, 400, CODES.malformedJson, 'JSON is not well formed');
          return;
        }
      }
      next();
    },
  ];
}
