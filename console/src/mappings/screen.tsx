/**
 * Field mappings: pick a target, edit its rows (Zoho field ← source), see the exact payload for a
 * recent order or the sample as you type, save (refusals shown at their rows), and look back
 * through the versions: who saved what when, what changed, and one click to roll back.
 */
import { useEffect, useMemo, useReducer } from 'preact/hooks';
import { ApiError } from '../api';
import type { ScreenProps } from '../screen-props';
import { mappingsApi, type Mapping, type MappingTarget, type TargetSettings, type ValidationProblem } from './api';
import { ACTIONS, Table } from '../components/table';
import { RowsTable } from './rows';
import { initialState, mappingScreenReducer, type VersionDiff } from './state';
import { STYLE } from './style';

const TARGETS: Array<{ target: MappingTarget; label: string }> = [
  { target: 'inventory.salesorder', label: 'Inventory sales order' },
  { target: 'books.salesorder', label: 'Books sales order' },
  { target: 'books.estimate', label: 'Books estimate' },
  { target: 'contact', label: 'Contact (new customers)' },
];

const PREVIEW_DELAY_MS = 400;

function problemsByRow(problems: ValidationProblem[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of problems) {
    const key = p.index >= 0 ? `${p.list}[${p.index}]` : '(document)';
    out.set(key, [...(out.get(key) ?? []), p.line ? `${p.message} (line ${p.line})` : p.message]);
  }
  return out;
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

export default function MappingsScreen({ user }: ScreenProps) {
  const canEdit = user.role === 'admin';
  const [state, dispatch] = useReducer(mappingScreenReducer, initialState);
  const { target, catalogue, active, doc, versions, orders, orderId, preview, previewError, saveProblems, message, diff, busy } = state;
  const requestFailed = (err: unknown) => dispatch({ type: 'requestFailed', text: errorText(err) });

  async function reload(key: MappingTarget = target) {
    const [a, v] = await Promise.all([mappingsApi.active(), mappingsApi.versions(key)]);
    dispatch({ type: 'mappingsLoaded', target: key, active: a, versions: v });
  }

  useEffect(() => {
    mappingsApi.fields().then((catalogue) => dispatch({ type: 'catalogueLoaded', catalogue }), requestFailed);
    mappingsApi.recentOrders().then(
      (orders) => dispatch({ type: 'ordersLoaded', orders }),
      () => dispatch({ type: 'ordersLoaded', orders: [] }),
    );
  }, []);
  // The picked target's mapping and versions (its message and diff were cleared by targetPicked).
  useEffect(() => {
    reload(target).catch(requestFailed);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload is remade each render; the target alone decides what to load
  }, [target]);

  // The live preview: the exact payload for the picked order (or the sample), a moment after the last edit.
  useEffect(() => {
    if (!doc) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      mappingsApi.preview(target, doc, orderId || undefined, abort.signal).then(
        (preview) => dispatch({ type: 'previewLoaded', preview }),
        (err) => !abort.signal.aborted && dispatch({ type: 'previewFailed', error: errorText(err) }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [doc, orderId, target]);

  const settings = active.find((a) => a.target === 'targets')?.document as TargetSettings | undefined;
  const fields = catalogue?.[target];
  const rowProblems = useMemo(() => problemsByRow([...(preview?.problems ?? []), ...saveProblems]), [preview, saveProblems]);
  const documentProblems = [...(preview?.problems ?? []), ...saveProblems].filter((p) => p.index < 0);
  const isDocument = target !== 'contact';

  async function run(action: () => Promise<string>) {
    dispatch({ type: 'actionStarted' });
    try {
      dispatch({ type: 'actionSucceeded', text: await action() });
    } catch (err) {
      const saveProblems = err instanceof ApiError && err.code === 'mapping_invalid' ? (err.fields as unknown as ValidationProblem[]) : undefined;
      dispatch({ type: 'actionFailed', text: errorText(err), saveProblems });
    }
  }

  const save = () =>
    run(async () => {
      const saved = await mappingsApi.save(target, doc!);
      await reload();
      return `Saved as version ${saved.version}; it is now active.`;
    });
  const rollback = (version: number) =>
    run(async () => {
      const saved = await mappingsApi.rollback(target, version);
      await reload();
      return `Version ${version} is back, as version ${saved.version}.`;
    });
  const saveQuoteTarget = (quote: string) =>
    run(async () => {
      const saved = await mappingsApi.save('targets', { ...settings!, books: { ...settings!.books, quote } } as TargetSettings);
      await reload();
      return `Books quotes now become ${quote === 'books.estimate' ? 'estimates' : 'draft sales orders'} (settings version ${saved.version}).`;
    });
  const showDiff = (from: number, to: number) => mappingsApi.diff(target, from, to).then((diff) => dispatch({ type: 'diffLoaded', diff }), requestFailed);

  const activeVersion = active.find((a) => a.target === target);
  return (
    <section class="mappings">
      <style>{STYLE}</style>
      <h1>Field mappings</h1>
      <div class="panel actions">
        <label>
          Target
          <select aria-label="Target" value={target} onChange={(e) => dispatch({ type: 'targetPicked', target: e.currentTarget.value as MappingTarget })}>
            {TARGETS.map((t) => (
              <option key={t.target} value={t.target}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        {activeVersion && (
          <p class="hint" data-test="active-version">
            Active: {activeVersion.version === 0 ? 'the default file (version 0)' : `version ${activeVersion.version}`}
          </p>
        )}
        {isDocument && doc && (
          <label>
            After creating in Zoho
            <select
              aria-label="Status"
              disabled={!canEdit}
              value={doc.status}
              onChange={(e) => dispatch({ type: 'documentEdited', doc: { ...doc, status: e.currentTarget.value as Mapping['status'] } })}
            >
              <option value="draft">leave it a draft</option>
              <option value="confirmed">confirm it (Books: open)</option>
            </select>
          </label>
        )}
        {target.startsWith('books.') && settings && (
          <label>
            Books quotes become
            <select aria-label="Quote target" disabled={!canEdit || busy} value={settings.books.quote} onChange={(e) => saveQuoteTarget(e.currentTarget.value)}>
              <option value="books.estimate">estimates</option>
              <option value="books.salesorder">draft sales orders</option>
            </select>
          </label>
        )}
      </div>
      {fields?.customFieldsError && <p class="notice">{fields.customFieldsError}</p>}
      {message && (
        <p class={message.ok ? 'ok' : 'error'} role="status" data-test="mapping-message">
          {message.text}
        </p>
      )}
      {documentProblems.length > 0 && (
        <ul class="error" data-test="document-problems">
          {documentProblems.map((p) => (
            <li key={`${p.zohoField}${p.message}`}>
              {p.zohoField ? `${p.zohoField}: ` : ''}
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {doc && fields && (
        <div class="mapping-layout">
          <fieldset class="mapping-editor" disabled={!canEdit}>
            <RowsTable
              list="fields"
              title="Document fields"
              rows={doc.fields}
              zohoFields={fields.fields}
              customFields={fields.customFields}
              problems={rowProblems}
              onChange={(rows) => dispatch({ type: 'documentEdited', doc: { ...doc, fields: rows } })}
            />
            {isDocument && (
              <RowsTable
                list="lineFields"
                title="Line item fields"
                rows={doc.lineFields}
                zohoFields={fields.lineFields}
                customFields={null}
                problems={rowProblems}
                onChange={(rows) => dispatch({ type: 'documentEdited', doc: { ...doc, lineFields: rows as Mapping['lineFields'] } })}
              />
            )}
            {canEdit && (
              <div class="actions">
                <button type="button" onClick={save} disabled={busy}>
                  Save as a new version
                </button>
                <button type="button" class="secondary" onClick={() => reload()} disabled={busy}>
                  Discard changes
                </button>
              </div>
            )}
          </fieldset>
          <aside class="panel preview" aria-label="Preview">
            <h2>Preview</h2>
            {isDocument && (
              <label>
                Order
                <select aria-label="Preview order" value={orderId} onChange={(e) => dispatch({ type: 'previewOrderPicked', orderId: e.currentTarget.value })}>
                  <option value="">The sample order</option>
                  {orders.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.number} · {o.customerName}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {previewError && <p class="error">{previewError}</p>}
            {preview && (
              <>
                <p class={preview.problems.length ? 'error' : 'ok'} data-test="preview-status">
                  {preview.problems.length ? `${preview.problems.length} problem(s): see the marked rows` : 'Valid: Zoho would get exactly this.'}
                </p>
                <pre data-test="preview-payload">{JSON.stringify(preview.payload, null, 2)}</pre>
              </>
            )}
          </aside>
        </div>
      )}
      <section class="panel" aria-label="Versions">
        <h2>Versions</h2>
        <Table data-test="versions" columns={[{ label: 'Version' }, { label: 'Saved by' }, { label: 'When' }, ACTIONS]}>
          {versions.map((v, i) => (
            <tr key={v.version} data-version={v.version}>
              <td>
                {v.version === 0 ? '0 (default file)' : v.version}
                {v.active && <strong> · active</strong>}
                {v.restoredFrom !== null && <span class="hint"> · restores {v.restoredFrom}</span>}
              </td>
              <td>{v.author?.email ?? '—'}</td>
              <td>{v.createdAt ? new Date(v.createdAt).toLocaleString() : '—'}</td>
              <td class="actions">
                {versions[i + 1] && (
                  <button type="button" class="secondary" onClick={() => showDiff(versions[i + 1]!.version, v.version)}>
                    Changes
                  </button>
                )}
                {canEdit && !v.active && (
                  <button type="button" class="secondary" aria-label={`Roll back to version ${v.version}`} disabled={busy} onClick={() => rollback(v.version)}>
                    Roll back to this
                  </button>
                )}
              </td>
            </tr>
          ))}
        </Table>
        {diff && <DiffView diff={diff} />}
      </section>
    </section>
  );
}

function DiffView({ diff }: { diff: VersionDiff }) {
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return (
    <div class="diff" data-test="diff">
      <h3>
        From version {diff.from} to {diff.to}
      </h3>
      {diff.settings.length === 0 && diff.rows.length === 0 && <p>No changes.</p>}
      <ul>
        {diff.settings.map((s) => (
          <li key={s.setting} class="changed">
            setting {s.setting}: {show(s.from)} → {show(s.to)}
          </li>
        ))}
        {diff.rows.map((r) => (
          <li key={`${r.list}${r.zohoField}`} class={r.change}>
            {r.change} {r.list === 'lineFields' ? 'line field' : 'field'} {r.zohoField}
            {r.change === 'changed' ? `: ${show(r.from?.source)} → ${show(r.to?.source)}` : r.change === 'added' ? `: ${show(r.to?.source)}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
