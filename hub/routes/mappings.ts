import { Router } from 'express';
import * as z from 'zod';
import { actorOf, allow, type Auth } from '../auth';
import type { MappingService } from '../services/mappings';
import type { VersionedKey } from '../../mappings';
import { VERSIONED_KEYS } from '../../server/mappings/active-mappings';
import { fromZodError } from '../../server/errors';

const KeyParam = z.object({ target: z.enum(VERSIONED_KEYS) });
const VersionParam = KeyParam.extend({ version: z.coerce.number().int().min(0) });
const DiffQuery = z.object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) });
const SaveBody = z.object({ mapping: z.unknown().refine((m) => m !== undefined, 'the mapping document is required') });
const RollbackBody = z.object({ version: z.number().int().min(0) });
const PreviewBody = z.object({ mapping: z.unknown().optional(), orderId: z.uuid().optional(), customerId: z.uuid().optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw fromZodError(parsed.error, what);
  return parsed.data;
}
const keyOf = (params: unknown): VersionedKey => parse(KeyParam, params, 'mapping target').target;

/** Field mappings: admins change them; support may read them and preview. */
export function mappingsRouter(mappings: MappingService, auth: Auth): Router {
  const router = Router();
  const admin = allow(auth.audit, 'admin');
  const staff = allow(auth.audit, 'support', 'admin');

  router.get('/', staff, async (_req, res) => {
    res.json({ active: await mappings.active() });
  });
  router.get('/fields', staff, async (_req, res) => {
    res.json({ targets: await mappings.fields() });
  });
  router.get('/:target/versions', staff, async (req, res) => {
    res.json({ versions: await mappings.versions(keyOf(req.params)) });
  });
  router.get('/:target/versions/:version', staff, async (req, res) => {
    const { target, version } = parse(VersionParam, req.params, 'mapping version');
    res.json({ version: await mappings.version(target, version) });
  });
  router.get('/:target/diff', staff, async (req, res) => {
    const { from, to } = parse(DiffQuery, req.query, 'diff');
    res.json({ diff: await mappings.diff(keyOf(req.params), from, to) });
  });
  router.post('/:target/preview', staff, async (req, res) => {
    res.json({ preview: await mappings.preview(keyOf(req.params), parse(PreviewBody, req.body, 'preview'), actorOf(req).id ?? undefined) });
  });
  router.post('/:target', admin, async (req, res) => {
    const { mapping } = parse(SaveBody, req.body, 'mapping');
    res.status(201).json({ version: await mappings.save(keyOf(req.params), mapping, actorOf(req)) });
  });
  router.post('/:target/rollback', admin, async (req, res) => {
    const { version } = parse(RollbackBody, req.body, 'rollback');
    res.status(201).json({ version: await mappings.rollback(keyOf(req.params), version, actorOf(req)) });
  });
  return router;
}
