/** The rows of a mapping as an editable table: Zoho field ← source kind + value, with each row's problems beside it. */
import { ACTIONS, Table } from '../components/table';
import type { FieldRow, FieldSource, OrganizationCustomField, SourceKind } from './api';

export const SOURCE_KINDS: Array<{ kind: SourceKind; label: string }> = [
  { kind: 'path', label: 'Order field' },
  { kind: 'value', label: 'Fixed value' },
  { kind: 'template', label: 'Template' },
  { kind: 'lookup', label: 'Lookup table' },
  { kind: 'expression', label: 'Expression (JSONata)' },
];

export function kindOf(source: FieldSource): SourceKind {
  if ('path' in source) return 'path';
  if ('value' in source) return 'value';
  if ('template' in source) return 'template';
  if ('lookup' in source) return 'lookup';
  return 'expression';
}

function emptySource(kind: SourceKind, from: FieldSource): FieldSource {
  // Carry the text over where it still makes sense (a path becomes the lookup's path).
  const text =
    'path' in from
      ? from.path
      : 'template' in from
        ? from.template
        : 'expression' in from
          ? from.expression
          : 'value' in from
            ? String(from.value)
            : from.lookup.path;
  switch (kind) {
    case 'path':
      return { path: text };
    case 'value':
      return { value: text };
    case 'template':
      return { template: text };
    case 'lookup':
      return { lookup: { path: text, table: {} } };
    default:
      return { expression: text };
  }
}

const CUSTOM = 'custom_fields.';

export function fieldKey(row: FieldRow): string {
  if (!('customField' in row) || !row.customField) return row.zoho ?? '';
  return CUSTOM + ('api_name' in row.customField ? row.customField.api_name : row.customField.customfield_id);
}

interface RowsProps {
  list: 'fields' | 'lineFields';
  title: string;
  rows: FieldRow[];
  zohoFields: string[];
  customFields: OrganizationCustomField[] | null;
  problems: Map<string, string[]>;
  onChange(rows: FieldRow[]): void;
}

export function RowsTable({ list, title, rows, zohoFields, customFields, problems, onChange }: RowsProps) {
  const update = (i: number, row: FieldRow) => onChange(rows.map((r, k) => (k === i ? row : r)));
  const remove = (i: number) => onChange(rows.filter((_, k) => k !== i));
  const used = new Set(rows.map(fieldKey));
  const nextField = zohoFields.find((f) => !used.has(f));
  const unusedCustom = (customFields ?? []).find((f) => !used.has(CUSTOM + f.api_name));
  return (
    <section class="panel" aria-label={title}>
      <h2>{title}</h2>
      <Table class="mapping-rows" data-list={list} columns={[{ label: 'Zoho field' }, { label: 'Source' }, { label: 'Value' }, { label: 'Required' }, ACTIONS]}>
        {rows.map((row, i) => (
          <Row
            key={`${list}-${i}`}
            list={list}
            index={i}
            row={row}
            zohoFields={zohoFields}
            customFields={list === 'fields' ? customFields : null}
            problems={problems.get(`${list}[${i}]`) ?? []}
            onChange={(r) => update(i, r)}
            onRemove={() => remove(i)}
          />
        ))}
      </Table>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          disabled={!nextField}
          onClick={() => nextField && onChange([...rows, { zoho: nextField, source: { path: '' } }])}
        >
          Add a row
        </button>
        {list === 'fields' && customFields && (
          <button
            type="button"
            class="secondary"
            disabled={!unusedCustom}
            onClick={() => unusedCustom && onChange([...rows, { customField: { api_name: unusedCustom.api_name }, source: { value: '' } }])}
          >
            Add a custom field
          </button>
        )}
      </div>
    </section>
  );
}

interface RowProps {
  list: 'fields' | 'lineFields';
  index: number;
  row: FieldRow;
  zohoFields: string[];
  customFields: OrganizationCustomField[] | null;
  problems: string[];
  onChange(row: FieldRow): void;
  onRemove(): void;
}

function Row({ list, index, row, zohoFields, customFields, problems, onChange, onRemove }: RowProps) {
  const key = fieldKey(row);
  const kind = kindOf(row.source);
  const name = `${list}[${index}]`;
  const setField = (value: string) => {
    const next = value.startsWith(CUSTOM)
      ? { customField: { api_name: value.slice(CUSTOM.length) }, source: row.source, ...(row.required ? { required: true } : {}) }
      : { zoho: value, source: row.source, ...(row.required ? { required: true } : {}) };
    onChange(next as FieldRow);
  };
  const setSource = (source: FieldSource) => onChange({ ...row, source } as FieldRow);
  const known = zohoFields.includes(key) || (customFields ?? []).some((f) => CUSTOM + f.api_name === key);
  return (
    <tr data-row={name} data-field={key} class={problems.length ? 'has-problem' : undefined}>
      <td>
        <select aria-label={`Zoho field of row ${index + 1}`} value={key} onChange={(e) => setField(e.currentTarget.value)}>
          {!known && <option value={key}>{key} (unknown)</option>}
          {zohoFields.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
          {customFields && customFields.length > 0 && (
            <optgroup label="Custom fields (from Zoho)">
              {customFields.map((f) => (
                <option key={f.api_name} value={CUSTOM + f.api_name}>
                  {f.label} ({f.api_name})
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </td>
      <td>
        <select
          aria-label={`Source of row ${index + 1}`}
          value={kind}
          onChange={(e) => setSource(emptySource(e.currentTarget.value as SourceKind, row.source))}
        >
          {SOURCE_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <SourceEditor index={index} source={row.source} onChange={setSource} />
        {problems.map((p) => (
          <p key={p} class="error row-problem" role="alert">
            {p}
          </p>
        ))}
      </td>
      <td>
        <input
          type="checkbox"
          aria-label={`Row ${index + 1} required`}
          checked={!!row.required}
          onChange={(e) => onChange({ ...row, required: e.currentTarget.checked || undefined } as FieldRow)}
        />
      </td>
      <td>
        <button type="button" class="link-button" aria-label={`Remove row ${index + 1} (${key})`} onClick={onRemove}>
          Remove
        </button>
      </td>
    </tr>
  );
}

function SourceEditor({ index, source, onChange }: { index: number; source: FieldSource; onChange(s: FieldSource): void }) {
  const label = `Value of row ${index + 1}`;
  if ('path' in source)
    return <input aria-label={label} placeholder="e.g. customer.name" value={source.path} onInput={(e) => onChange({ path: e.currentTarget.value })} />;
  if ('value' in source) return <input aria-label={label} value={String(source.value)} onInput={(e) => onChange({ value: e.currentTarget.value })} />;
  if ('template' in source)
    return <input aria-label={label} placeholder="PO {{reference}}" value={source.template} onInput={(e) => onChange({ template: e.currentTarget.value })} />;
  if ('expression' in source) {
    return (
      <textarea
        aria-label={label}
        class="expression"
        rows={2}
        placeholder="$sum(lines.quantity)"
        value={source.expression}
        onInput={(e) => onChange({ expression: e.currentTarget.value })}
      />
    );
  }
  return <LookupEditor index={index} lookup={source.lookup} onChange={(lookup) => onChange({ lookup })} />;
}

type Lookup = Extract<FieldSource, { lookup: unknown }>['lookup'];

/** A lookup table: the order value to read, its entries (order value → Zoho value), and a default. */
function LookupEditor({ index, lookup, onChange }: { index: number; lookup: Lookup; onChange(l: Lookup): void }) {
  const entries = Object.entries(lookup.table);
  const setEntries = (next: Array<[string, string | number | boolean]>) => onChange({ ...lookup, table: Object.fromEntries(next) });
  return (
    <div class="lookup" aria-label={`Lookup table of row ${index + 1}`}>
      <input
        aria-label={`Lookup path of row ${index + 1}`}
        placeholder="e.g. paymentMethod"
        value={lookup.path}
        onInput={(e) => onChange({ ...lookup, path: e.currentTarget.value })}
      />
      <table>
        <tbody>
          {entries.map(([from, to], k) => (
            <tr key={k}>
              <td>
                <input
                  aria-label={`When row ${index + 1} reads`}
                  value={from}
                  onChange={(e) => setEntries(entries.map((x, j) => (j === k ? [e.currentTarget.value, x[1]] : x)))}
                />
              </td>
              <td>→</td>
              <td>
                <input
                  aria-label={`Row ${index + 1} sends`}
                  value={String(to)}
                  onInput={(e) => setEntries(entries.map((x, j) => (j === k ? [x[0], e.currentTarget.value] : x)))}
                />
              </td>
              <td>
                <button type="button" class="link-button" aria-label={`Remove entry ${from}`} onClick={() => setEntries(entries.filter((_, j) => j !== k))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" class="secondary" disabled={'' in lookup.table} onClick={() => setEntries([...entries, ['', '']])}>
          Add an entry
        </button>
        <input
          aria-label={`Default of row ${index + 1}`}
          placeholder="Default (otherwise left out)"
          value={lookup.default === undefined ? '' : String(lookup.default)}
          onInput={(e) => {
            const value = e.currentTarget.value;
            const { default: _old, ...rest } = lookup;
            void _old;
            onChange(value === '' ? rest : { ...rest, default: value });
          }}
        />
      </div>
    </div>
  );
}
