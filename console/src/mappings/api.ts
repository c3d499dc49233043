/** The hub's mapping API (/api/mappings) as the mappings screen uses it. Types come from mappings/ (types only: no code in the bundle). */
import { request } from '../api';
import type { Mapping, MappingDiff, MappingPreview, MappingVersion, TargetCatalogue, TargetSettings, VersionedKey } from '../../../mappings';
import type { OrderSummary } from '../domain';

export type {
  FieldRow,
  FieldSource,
  Mapping,
  MappingDiff,
  MappingPreview,
  MappingTarget,
  MappingVersion,
  OrganizationCustomField,
  SourceKind,
  TargetCatalogue,
  TargetSettings,
  ValidationProblem,
  VersionedKey,
} from '../../../mappings';

const base = (key: VersionedKey) => `/api/mappings/${encodeURIComponent(key)}`;

export const mappingsApi = {
  active: async () => (await request<{ active: MappingVersion[] }>('/api/mappings')).active,
  fields: async () => (await request<{ targets: Record<string, TargetCatalogue> }>('/api/mappings/fields')).targets,
  versions: async (key: VersionedKey) => (await request<{ versions: MappingVersion[] }>(`${base(key)}/versions`)).versions,
  save: async (key: VersionedKey, mapping: Mapping | TargetSettings) =>
    (await request<{ version: MappingVersion }>(base(key), { method: 'POST', json: { mapping } })).version,
  rollback: async (key: VersionedKey, version: number) =>
    (await request<{ version: MappingVersion }>(`${base(key)}/rollback`, { method: 'POST', json: { version } })).version,
  diff: async (key: VersionedKey, from: number, to: number) =>
    (await request<{ diff: MappingDiff & { from: number; to: number } }>(`${base(key)}/diff?from=${from}&to=${to}`)).diff,
  preview: async (key: VersionedKey, mapping: Mapping, orderId?: string, signal?: AbortSignal) =>
    (await request<{ preview: MappingPreview }>(`${base(key)}/preview`, { method: 'POST', json: { mapping, ...(orderId ? { orderId } : {}) }, signal }))
      .preview,
  recentOrders: async () => (await request<{ orders: OrderSummary[] }>('/api/orders?limit=20')).orders,
};
