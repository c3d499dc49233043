/**
 * The hub's HTTP API as the console uses it. Every failure becomes an `ApiError` whose message
 * can be shown as is; a 401 outside sign-in sends the console back to the sign-in form.
 */
import { ApiError, createRequest } from '../../web/http';
import type { PublicUser } from './domain';

export { ApiError, type FieldError } from '../../web/http';

/** Fired on any 401 outside sign-in. */
export const SIGNED_OUT_EVENT = 'satchel-console:signed-out';

export const request = createRequest({ signedOutEvent: SIGNED_OUT_EVENT });

/** `?a=1&b=2` from an object, leaving out empty values. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export async function getMe(): Promise<PublicUser | null> {
  try {
    return (await request<{ user: PublicUser }>('/api/auth/me')).user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export async function signIn(email: string, password: string): Promise<PublicUser> {
  return (await request<{ user: PublicUser }>('/api/auth/login', { method: 'POST', json: { email, password } })).user;
}

export async function signOut(): Promise<void> {
  await request('/api/auth/logout', { method: 'POST' }).catch((err: unknown) => {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
  });
}
