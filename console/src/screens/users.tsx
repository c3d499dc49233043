/** Users (admins): invite with a one-time password shown once, change role, disable and enable. */
import { useState } from 'preact/hooks';
import { request } from '../api';
import { CardTable } from '../components/table';
import { ROLES, type PublicUser, type Role } from '../domain';
import { errorText } from '../format';
import { useLoad } from '../hooks';
import type { ScreenProps } from '../screen-props';

export default function Users({ user: me }: ScreenProps) {
  const users = useLoad(() => request<{ users: PublicUser[] }>('/api/users').then((r) => r.users), []);
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [invited, setInvited] = useState<{ email: string; password: string }>();
  const [form, setForm] = useState({ email: '', name: '', role: 'rep' as Role });
  const [busy, setBusy] = useState(false);

  const invite = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setMessage(undefined);
    setInvited(undefined);
    try {
      const res = await request<{ user: PublicUser; oneTimePassword: string }>('/api/users', { method: 'POST', json: form });
      setInvited({ email: res.user.email, password: res.oneTimePassword });
      setForm({ email: '', name: '', role: 'rep' });
      users.reload();
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    } finally {
      setBusy(false);
    }
  };

  const change = async (u: PublicUser, change: { role?: Role; disabled?: boolean }) => {
    setMessage(undefined);
    try {
      await request(`/api/users/${encodeURIComponent(u.id)}`, { method: 'PATCH', json: change });
      setMessage({
        text: `${u.name}: ${change.disabled === true ? 'disabled (signed out everywhere)' : change.disabled === false ? 'enabled' : `now ${change.role}`}.`,
      });
      users.reload();
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
  };

  return (
    <section>
      <h1>Users</h1>
      <form class="grid panel" onSubmit={invite} aria-label="Invite a user">
        <label>
          Email
          <input name="email" type="email" required value={form.email} onInput={(e) => setForm({ ...form, email: e.currentTarget.value })} />
        </label>
        <label>
          Name
          <input name="name" required value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} />
        </label>
        <label>
          Role
          <select name="role" value={form.role} onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}>
            {ROLES.map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
        </label>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Invite
          </button>
        </div>
      </form>
      {invited && (
        <div class="panel notice" role="status">
          <p>{invited.email} can sign in with this password. It is shown only now: pass it on securely.</p>
          <p>
            <span class="secret-once" data-testid="one-time-password">
              {invited.password}
            </span>
          </p>
        </div>
      )}
      {message && (
        <p class={message.error ? 'error' : 'ok'} role="status">
          {message.text}
        </p>
      )}
      {users.error && (
        <p class="error" role="alert">
          {users.error}
        </p>
      )}
      {users.data && (
        <CardTable
          label="Users"
          rows={users.data}
          rowKey={(u) => u.id}
          columns={[
            { label: 'Name', cell: (u) => u.name },
            { label: 'Email', cell: (u) => u.email },
            {
              label: 'Role',
              cell: (u) => (
                <select
                  aria-label={`Role of ${u.name}`}
                  value={u.role}
                  disabled={u.id === me.id}
                  onChange={(e) => change(u, { role: e.currentTarget.value as Role })}
                >
                  {ROLES.map((r) => (
                    <option value={r}>{r}</option>
                  ))}
                </select>
              ),
            },
            {
              label: 'Status',
              cell: (u) => (
                <>
                  {u.disabled ? 'Disabled ' : 'Active '}
                  {u.id !== me.id && (
                    <button type="button" class="secondary" onClick={() => change(u, { disabled: !u.disabled })}>
                      {u.disabled ? 'Enable' : 'Disable'}
                    </button>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
