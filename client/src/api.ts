/**
 * The hub's HTTP API as the app uses it. Every failure becomes an `ApiError` whose message can be
 * shown to the rep as is.
 */
import { ApiError, createRequest } from '../../web/http';
import { reportHub } from './connection';
import type { CustomerEditSummary, CustomerSummary, Order, OrderDetail, OrderSummary, PublicUser } from './domain';

export type { OrderSummary } from './domain';

export { ApiError, type FieldError } from '../../web/http';

/** Fired on any 401 outside sign-in: the app shows the sign-in screen; unsent work stays on the device. */
export const SIGNED_OUT_EVENT = 'satchel:signed-out';

const request = createRequest({
  signedOutEvent: SIGNED_OUT_EVENT,
  unreachable: () => (navigator.onLine ? 'Could not reach the hub.' : 'You are offline.'),
  onReach: reportHub,
});

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

/** Cancel a document: stopped if its workflow still runs, voided in Zoho if it finished (the hub answers 202). */
export async function cancelDocument(id: string, reason?: string): Promise<void> {
  await request(`/api/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST', json: reason ? { reason } : {} });
}

export async function getCustomerEdit(id: string): Promise<CustomerEditSummary> {
  return (await request<{ edit: CustomerEditSummary }>(`/api/customer-edits/${encodeURIComponent(id)}`)).edit;
}

export async function getCustomerSummary(id: string): Promise<CustomerSummary> {
  return (await request<{ customer: CustomerSummary }>(`/api/customers/${encodeURIComponent(id)}`)).customer;
}

export async function getMe(): Promise<PublicUser> {
  return (await request<{ user: PublicUser }>('/api/auth/me')).user;
}

export async function signIn(email: string, password: string): Promise<PublicUser> {
  return (await request<{ user: PublicUser }>('/api/auth/login', { method: 'POST', json: { email, password } })).user;
}

export async function signOut(): Promise<void> {
  const res = await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Requested-With': 'satchel' } });
  if (!res.ok && res.status !== 401) throw new ApiError('Could not sign out; try again.', res.status);
}
