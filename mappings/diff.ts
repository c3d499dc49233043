/**
 * What changed between two versions of a mapping, row by row: rows are matched by the Zoho field
 * they fill (a row moved in the table is not a change), settings (status, description) by name.
 * The target settings document (`targets`) is compared setting by setting.
 */
import { rowField, type FieldRow } from './schema';

export interface RowChange {
  list: 'fields' | 'lineFields';
  zohoField: string;
  change: 'added' | 'removed' | 'changed';
  from?: FieldRow;
  to?: FieldRow;
}

export interface SettingChange {
  setting: string;
  from: unknown;
  to: unknown;
}

export interface MappingDiff {
  settings: SettingChange[];
  rows: RowChange[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function flatten(doc: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'fields' || key === 'lineFields') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value as Record<string, unknown>, `${prefix}${key}.`, out);
    else out[`${prefix}${key}`] = value;
  }
  return out;
}

function rowChanges(list: RowChange['list'], before: FieldRow[] = [], after: FieldRow[] = []): RowChange[] {
  const changes: RowChange[] = [];
  const old = new Map(before.map((r) => [rowField(r), r]));
  const now = new Map(after.map((r) => [rowField(r), r]));
  for (const [field, row] of now) {
    const was = old.get(field);
    if (!was) changes.push({ list, zohoField: field, change: 'added', to: row });
    else if (!same(was, row)) changes.push({ list, zohoField: field, change: 'changed', from: was, to: row });
  }
  for (const [field, row] of old) if (!now.has(field)) changes.push({ list, zohoField: field, change: 'removed', from: row });
  return changes;
}

type Doc = Record<string, unknown> & { fields?: FieldRow[]; lineFields?: FieldRow[] };

export function diffMappings(from: Doc, to: Doc): MappingDiff {
  const a = flatten(from);
  const b = flatten(to);
  const settings: SettingChange[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!same(a[key], b[key])) settings.push({ setting: key, from: a[key], to: b[key] });
  }
  return {
    settings,
    rows: [...rowChanges('fields', from.fields, to.fields), ...rowChanges('lineFields', from.lineFields, to.lineFields)],
  };
}
