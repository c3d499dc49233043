/**
 * The hub's HTTP API as the app uses it. Every failure becomes an `ApiError` whose message can be
 * shown to the rep as is.
 */
import type { CustomerSummary, Order, OrderDetail, OrderSummary, PublicUser } from './domain';

export type { OrderSummary } from './domain';

export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    /** HTTP status; 0 when the hub could not be reached at all. */
    readonly status: number,
    readonly fields: FieldError[] = [],
    /** The hub's reason code, e.g. `session_expired` or `access_revoked` on a 401. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Fired on any 401 outside sign-in: the app shows the sign-in screen; unsent work stays on the device. */
export const SIGNED_OUT_EVENT = 'satchel:signed-out';

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      // The hub refuses state-changing requests without this header (its CSRF defence).
      headers: { Accept: 'application/json', 'X-Requested-With': 'satchel', ...init.headers },
    });
  } catch {
    throw new ApiError(navigator.onLine ? 'Could not reach the hub.' : 'You are offline.', 0);
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

export async function getHealth(): Promise<{ status: string }> {
  return request('/healthz');
}

export async function listOrders(): Promise<OrderSummary[]> {
  return (await request<{ orders: OrderSummary[] }>('/api/orders')).orders;
}

/** The office's record of a customer's documents (from every device and rep the session may see). */
export async function listCustomerOrders(customerIds: string[]): Promise<OrderSummary[]> {
  const lists = await Promise.all(
    customerIds.map((id) => request<{ orders: OrderSummary[] }>(`/api/orders?customer=${encodeURIComponent(id)}&limit=50`).then((r) => r.orders)),
  );
  return lists.flat();
}

/** One document with its lines, as the device sent it (for re-order). */
export async function getOrderDocument(id: string): Promise<Order> {
  const order = (await request<{ order: OrderDetail & { document?: Order } }>(`/api/orders/${encodeURIComponent(id)}`)).order;
  if (!order.document) throw new ApiError('The hub did not send the order lines.', 200);
  return order.document;
}

export async function getCustomerSummary(id: string): Promise<CustomerSummary> {
  return (await request<{ customer: CustomerSummary }>(`/api/customers/${encodeURIComponent(id)}`)).customer;
}

export async function getMe(): Promise<PublicUser> {
  return (await request<{ user: PublicUser }>('/api/auth/me')).user;
}

export async function signIn(email: string, password: string): Promise<PublicUser> {
  const body = await request<{ user: PublicUser }>('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return body.user;
}

export async function signOut(): Promise<void> {
  const res = await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'satchel' } });
  if (!res.ok && res.status !== 401) throw new ApiError('Could not sign out; try again.', res.status);
}
