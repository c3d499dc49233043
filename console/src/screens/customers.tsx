/** Customers created on devices: those waiting in needs attention, with the reason and Retry. */
import { useState } from 'preact/hooks';
import { queryString, request } from '../api';
import { StageBadge } from '../components/stage-badge';
import { CardTable } from '../components/table';
import type { CustomerSummary } from '../domain';
import { dateTime, errorText } from '../format';
import { useLoad } from '../hooks';
import { href } from '../router';
import type { ScreenProps } from '../screen-props';

export default function Customers({ query }: ScreenProps) {
  const all = query.get('all') === '1';
  const list = useLoad(
    () => request<{ customers: CustomerSummary[] }>(`/api/customers${queryString({ stage: all ? undefined : 'needs_attention' })}`).then((r) => r.customers),
    [all],
    5000,
  );
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();

  const retry = async (c: CustomerSummary) => {
    setMessage(undefined);
    try {
      await request(`/api/customers/${encodeURIComponent(c.id)}/retry`, { method: 'POST' });
      setMessage({ text: `Retry sent for ${c.name}.` });
      list.reload();
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  };

  return (
    <section>
      <h1>Customers made on devices</h1>
      <p>{all ? <a href={href(['customers'])}>Show only those that need attention</a> : <a href={href(['customers'], { all: '1' })}>Show all</a>}</p>
      {message && (
        <p class={message.error ? 'error' : 'ok'} role="status">
          {message.text}
        </p>
      )}
      {list.error && (
        <p class="error" role="alert">
          {list.error}
        </p>
      )}
      {!list.data ? (
        <p>Loading…</p>
      ) : list.data.length === 0 ? (
        <p>{all ? 'No customers were made on devices yet.' : 'No customer needs attention.'}</p>
      ) : (
        <CardTable
          label="Customers"
          rows={list.data}
          rowKey={(c) => c.id}
          columns={[
            {
              label: 'Name',
              cell: (c) => (
                <>
                  {c.name}
                  {c.email && <div class="hint">{c.email}</div>}
                </>
              ),
            },
            { label: 'Stage', cell: (c) => <StageBadge stage={c.stage} /> },
            { label: 'Reason', cell: (c) => c.attentionReason ?? '—' },
            { label: 'Created', cell: (c) => dateTime(c.createdAt) },
            {
              label: 'Action',
              labelClass: 'hint',
              cell: (c) =>
                c.stage === 'needs_attention' && (
                  <button type="button" onClick={() => retry(c)}>
                    Retry
                  </button>
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
