/**
 * The Zoho connection: which settings are in force, a connection test, the API budget, and (for
 * admins) the form: data centre, organization, product, OAuth client, and a refresh token pasted
 * or obtained through Zoho's consent page.
 */
import type { ZohoProduct } from '../domain';
import { useEffect, useState } from 'preact/hooks';
import { request } from '../api';
import { errorText } from '../format';
import { useLoad } from '../hooks';
import type { ScreenProps } from '../screen-props';

type DataCentre = string;
interface ConnectionView {
  source: 'console' | 'environment';
  saved: null | {
    version: number;
    dataCentre: DataCentre;
    organizationId: string;
    product: ZohoProduct;
    clientId: string;
    hasRefreshToken: boolean;
    dailyLimit: number | null;
    status: 'active' | 'needs_authorization';
    updatedBy: string | null;
    updatedAt: string;
  };
  effective: {
    product: string;
    organizationId: string;
    accountsUrl: string;
    apiDomain: string;
    sandbox: boolean;
    dailyLimit: number;
    requestsPerMinute: number;
  };
  redirectUri: string;
  dataCentres: DataCentre[];
}
interface Usage {
  thisMinute: number;
  today: number;
  perMinuteLimit: number;
  dailyLimit: number;
  /** The day's quota as Zoho's own rate headers last reported it. */
  zohoDaily?: { limit: number; remaining: number; resetsAt?: string; seenAt: string };
}

const DC_NAMES: Record<string, string> = {
  us: 'United States (zoho.com)',
  eu: 'Europe (zoho.eu)',
  in: 'India (zoho.in)',
  au: 'Australia (zoho.com.au)',
  jp: 'Japan (zoho.jp)',
  ca: 'Canada (zohocloud.ca)',
  sa: 'Saudi Arabia (zoho.sa)',
  cn: 'China (zoho.com.cn)',
  uk: 'United Kingdom (zoho.uk)',
  ae: 'United Arab Emirates (zoho.ae)',
  sandbox: 'Local Zoho sandbox',
};

export default function ZohoConnection({ user, query }: ScreenProps) {
  const admin = user.role === 'admin';
  const connection = useLoad(() => request<{ connection: ConnectionView }>('/api/zoho/connection').then((r) => r.connection), []);
  const usage = useLoad(() => request<{ usage: Usage }>('/api/zoho/usage').then((r) => r.usage), [], 10_000);
  const [test, setTest] = useState<{ text: string; error?: boolean }>();
  const [testing, setTesting] = useState(false);
  const outcome = query.get('oauth');

  const runTest = async () => {
    setTesting(true);
    setTest(undefined);
    try {
      const { organization } = await request<{ organization: { name: string; organizationId: string; product: string } }>('/api/zoho/connection/test', {
        method: 'POST',
      });
      setTest({
        text: `Connected to ${organization.name} (organization ${organization.organizationId}, Zoho ${organization.product === 'books' ? 'Books' : 'Inventory'}).`,
      });
    } catch (err) {
      setTest({ text: errorText(err), error: true });
    } finally {
      setTesting(false);
      usage.reload();
    }
  };

  const c = connection.data;
  return (
    <section>
      <h1>Zoho connection</h1>
      {outcome === 'connected' && (
        <p class="ok" role="status">
          Zoho authorized Satchel: the new connection is in force.
        </p>
      )}
      {outcome === 'failed' && (
        <p class="error" role="alert">
          Authorization failed: {query.get('message')}
        </p>
      )}
      {connection.error && (
        <p class="error" role="alert">
          {connection.error}
        </p>
      )}
      {c && (
        <div class="panel">
          <h2>In force</h2>
          <dl class="facts">
            <dt>Source</dt>
            <dd data-testid="connection-source">
              {c.source === 'console' ? `Saved in the console (version ${c.saved?.version})` : 'The environment (ZOHO_* variables)'}
            </dd>
            <dt>Organization</dt>
            <dd>{c.effective.organizationId}</dd>
            <dt>Product</dt>
            <dd>{c.effective.product === 'books' ? 'Zoho Books' : 'Zoho Inventory'}</dd>
            <dt>Accounts server</dt>
            <dd>
              {c.effective.accountsUrl}
              {c.effective.sandbox && <span class="hint"> (sandbox)</span>}
            </dd>
          </dl>
          <div class="actions" style="margin-top:0.75rem">
            <button type="button" onClick={runTest} disabled={testing}>
              {testing ? 'Testing…' : 'Test connection'}
            </button>
            {test && (
              <span class={test.error ? 'error' : 'ok'} role="status" data-testid="test-result">
                {test.text}
              </span>
            )}
          </div>
        </div>
      )}
      {usage.data && <Budget usage={usage.data} />}
      {c && admin && <ConnectionForm view={c} onSaved={() => connection.reload()} />}
    </section>
  );
}

function Meter({ label, used, limit }: { label: string; used: number; limit: number }) {
  const share = Math.min(1, used / Math.max(1, limit));
  return (
    <div style="margin-bottom:0.6rem">
      <div>
        {label}: <strong>{used}</strong> of {limit} calls
      </div>
      <div class={share > 0.8 ? 'meter high' : 'meter'} role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used}>
        <span style={`width:${(share * 100).toFixed(1)}%`} />
      </div>
    </div>
  );
}

function Budget({ usage }: { usage: Usage }) {
  return (
    <div class="panel" data-testid="budget">
      <h2>API budget</h2>
      <Meter label="This minute" used={usage.thisMinute} limit={usage.perMinuteLimit} />
      <Meter label="Today (UTC)" used={usage.today} limit={usage.dailyLimit} />
      {usage.zohoDaily && (
        <div data-testid="zoho-daily">
          <Meter label="Today, as Zoho counts it" used={usage.zohoDaily.limit - usage.zohoDaily.remaining} limit={usage.zohoDaily.limit} />
          <p class="hint">
            {usage.zohoDaily.remaining} calls left{usage.zohoDaily.resetsAt ? `, resets at ${new Date(usage.zohoDaily.resetsAt).toLocaleTimeString()}` : ''}{' '}
            (reported {new Date(usage.zohoDaily.seenAt).toLocaleTimeString()}). Zoho's count includes calls by other apps on the organization.
          </p>
        </div>
      )}
      <p class="hint">
        Calls by every hub and worker process. The per-minute figure is Satchel's share (ZOHO_REQUESTS_PER_MINUTE); the daily one is your Zoho plan's quota.
      </p>
    </div>
  );
}

function ConnectionForm({ view, onSaved }: { view: ConnectionView; onSaved: () => void }) {
  const saved = view.saved;
  const initial = () => ({
    dataCentre: saved?.dataCentre ?? (view.dataCentres.includes('sandbox') ? 'sandbox' : 'us'),
    organizationId: saved?.organizationId ?? '',
    product: saved?.product ?? 'inventory',
    clientId: saved?.clientId ?? '',
    clientSecret: '',
    refreshToken: '',
    dailyLimit: saved?.dailyLimit ? String(saved.dailyLimit) : '',
  });
  const [form, setForm] = useState(initial);
  useEffect(() => setForm(initial()), [saved?.version]); // eslint-disable-line react-hooks/exhaustive-deps
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const set = (k: keyof ReturnType<typeof initial>) => (e: Event) => setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setFieldErrors({});
    try {
      await request('/api/zoho/connection', {
        method: 'PUT',
        json: {
          dataCentre: form.dataCentre,
          organizationId: form.organizationId.trim(),
          product: form.product,
          clientId: form.clientId.trim(),
          ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
          ...(form.refreshToken ? { refreshToken: form.refreshToken.trim() } : {}),
          dailyLimit: form.dailyLimit ? Number(form.dailyLimit) : null,
        },
      });
      setMessage({
        text: form.refreshToken
          ? 'Saved: the new connection is in force.'
          : 'Saved. Authorize with Zoho to get a refresh token (unless the saved one still applies).',
      });
      onSaved();
    } catch (err) {
      const fields = (err as { fields?: Array<{ path: string; message: string }> }).fields ?? [];
      setFieldErrors(Object.fromEntries(fields.map((f) => [f.path, f.message])));
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!confirm('Forget the saved connection and use the environment settings again?')) return;
    try {
      await request('/api/zoho/connection', { method: 'DELETE' });
      setMessage({ text: 'Removed: the environment settings are in force.' });
      onSaved();
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  };

  const error = (k: string) =>
    fieldErrors[k] && (
      <span class="error" id={`${k}-error`}>
        {fieldErrors[k]}
      </span>
    );

  return (
    <div class="panel">
      <h2>{saved ? 'Change the connection' : 'Connect a Zoho organization'}</h2>
      {saved && (
        <p>
          Saved connection: {saved.status === 'active' ? 'authorized' : <strong>waiting for authorization</strong>}
          {saved.updatedBy && <span class="hint"> (last changed by {saved.updatedBy})</span>}
        </p>
      )}
      <form class="stack" onSubmit={save}>
        <label>
          Data centre
          <select name="dataCentre" value={form.dataCentre} onChange={set('dataCentre')}>
            {view.dataCentres.map((dc) => (
              <option value={dc}>{DC_NAMES[dc] ?? dc}</option>
            ))}
          </select>
        </label>
        <label>
          Organization id
          <input
            name="organizationId"
            inputMode="numeric"
            required
            value={form.organizationId}
            onInput={set('organizationId')}
            aria-describedby="organizationId-error"
          />
          {error('organizationId')}
        </label>
        <fieldset>
          <legend>Product</legend>
          <label class="inline">
            <input type="radio" name="product" value="inventory" checked={form.product === 'inventory'} onChange={set('product')} /> Zoho Inventory
          </label>
          <label class="inline">
            <input type="radio" name="product" value="books" checked={form.product === 'books'} onChange={set('product')} /> Zoho Books
          </label>
        </fieldset>
        <label>
          OAuth client id
          <input name="clientId" required autoComplete="off" value={form.clientId} onInput={set('clientId')} aria-describedby="clientId-error" />
          {error('clientId')}
        </label>
        <label>
          OAuth client secret
          <input
            name="clientSecret"
            type="password"
            autoComplete="new-password"
            placeholder={saved ? 'Saved: leave empty to keep it' : ''}
            required={!saved}
            value={form.clientSecret}
            onInput={set('clientSecret')}
            aria-describedby="clientSecret-error"
          />
          {error('clientSecret')}
        </label>
        <label>
          Refresh token <span class="hint">(optional: paste one from Zoho's API console, or authorize below)</span>
          <input
            name="refreshToken"
            type="password"
            autoComplete="off"
            value={form.refreshToken}
            onInput={set('refreshToken')}
            aria-describedby="refreshToken-error"
          />
          {error('refreshToken')}
        </label>
        <label>
          Daily API limit <span class="hint">(your plan's quota; empty: the ZOHO_DAILY_REQUEST_LIMIT setting)</span>
          <input name="dailyLimit" type="number" min={1} value={form.dailyLimit} onInput={set('dailyLimit')} aria-describedby="dailyLimit-error" />
          {error('dailyLimit')}
        </label>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Save connection
          </button>
          {saved && (
            <button type="button" class="secondary" onClick={remove}>
              Remove
            </button>
          )}
        </div>
      </form>
      {message && (
        <p class={message.error ? 'error' : 'ok'} role="status">
          {message.text}
        </p>
      )}
      {saved && (
        <div style="margin-top:1rem">
          <h2>Authorize with Zoho</h2>
          <p>
            Zoho asks you to consent, then sends you back here with a refresh token for Satchel. Register this redirect URI with the OAuth client first:{' '}
            <code>{view.redirectUri}</code>
          </p>
          <button type="button" onClick={() => location.assign('/api/zoho/oauth/start')}>
            Authorize with Zoho
          </button>
        </div>
      )}
    </div>
  );
}
