/** The audit log (admins): newest first, filtered by action or actor, paged back. */
import { useState } from 'preact/hooks';
import { queryString, request } from '../api';
import { dateTime, errorText } from '../format';
import { CardTable } from '../components/table';
import { useLoad } from '../hooks';
import { navigate } from '../router';
import type { AuditEntry, AuditPage } from '../domain';
import type { ScreenProps } from '../screen-props';

export default function Audit({ query }: ScreenProps) {
  const action = query.get('action') ?? '';
  const actor = query.get('actor') ?? '';
  const [form, setForm] = useState({ action, actor });
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [before, setBefore] = useState<number | null>(null);
  const [error, setError] = useState<string>();
  const page = useLoad(async () => {
    const p = await request<AuditPage>(`/api/audit${queryString({ action, actor, limit: 100 })}`);
    setOlder([]);
    setBefore(p.nextBefore);
    return p;
  }, [action, actor]);
  const more = async () => {
    try {
      const p = await request<AuditPage>(`/api/audit${queryString({ action, actor, limit: 100, before })}`);
      setOlder((o) => [...o, ...p.entries]);
      setBefore(p.nextBefore);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const entries = [...(page.data?.entries ?? []), ...older];

  return (
    <section>
      <h1>Audit log</h1>
      <form
        class="grid panel"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(['audit'], form);
        }}
      >
        <label>
          Action <span class="hint">(or its start, e.g. user. or zoho.)</span>
          <input name="action" value={form.action} onInput={(e) => setForm({ ...form, action: e.currentTarget.value })} />
        </label>
        <label>
          By (email)
          <input name="actor" type="email" value={form.actor} onInput={(e) => setForm({ ...form, actor: e.currentTarget.value })} />
        </label>
        <div class="actions">
          <button type="submit">Filter</button>
        </div>
      </form>
      {(page.error || error) && (
        <p class="error" role="alert">
          {page.error ?? error}
        </p>
      )}
      <CardTable
        label="Audit log"
        rows={entries}
        rowKey={(e) => e.id}
        columns={[
          { label: 'When', cell: (e) => dateTime(e.at) },
          {
            label: 'Who',
            cell: (e) => (
              <>
                {e.actorEmail ?? '—'}
                {e.address && <div class="hint">{e.address}</div>}
              </>
            ),
          },
          { label: 'Action', cell: (e) => e.action },
          { label: 'Target', cell: (e) => e.target ?? '' },
          { label: 'Detail', cell: (e) => <code style="white-space:pre-wrap;font-size:0.8rem">{e.detail ? JSON.stringify(e.detail) : ''}</code> },
        ]}
      />
      {before && (
        <p>
          <button type="button" class="secondary" onClick={more}>
            Older entries
          </button>
        </p>
      )}
    </section>
  );
}
