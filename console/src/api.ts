/**
 * The hub's HTTP API as the console uses it. Every failure becomes an `ApiError` whose message
 * can be shown as is; a 401 outside sign-in sends the console back to the sign-in form.
 */
import type { PublicUser } from './domain';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    /** HTTP status; 0 when the hub could not be reached. */
    readonly status: number,
    readonly fields: FieldError[] = [],
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Fired on any 401 outside sign-in. */
export const SIGNED_OUT_EVENT = 'satchel-console:signed-out';

export async function request<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      body: json === undefined ? rest.body : JSON.stringify(json),
      credentials: 'same-origin',
      // The hub refuses state-changing requests without this header (its CSRF defence).
      headers: {
        Accept: 'application/json',
        'X-Requested-With': 'satchel',
        ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...rest.headers,
      },
    });
  } catch {
    throw new ApiError('Could not reach the hub.', 0);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const error = (body as { error?: { message?: unknown; fields?: unknown; code?: unknown } } | undefined)?.error;
    const message = typeof error?.message === 'string' && error.message ? error.message : `The hub answered ${res.status} ${res.statusText}`.trim();
    const fields = Array.isArray(error?.fields) ? (error.fields as FieldError[]) : [];
    const code = typeof error?.code === 'string' ? error.code : undefined;
    if (res.status === 401 && path !== '/api/auth/login') window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: message }));
    throw new ApiError(message, res.status, fields, code);
  }
  if (body === undefined) throw new ApiError('The hub sent an answer that is not JSON.', res.status);
  return body as T;
}

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
