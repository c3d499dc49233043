/**
 * Documents and device customers written straight into the hub database, as the hub stores them on
 * intake (stage `received`, workflow started): for tests of what comes after, without the route.
 */
import { documentNumber, orderTotals, workflowId, type Customer, type Order } from '../../domain';
import type { Database } from '../../server/db/connect';

export async function storeReceivedOrder(db: Database, order: Order): Promise<Order> {
  await db.Order.create({
    id: order.id,
    kind: order.kind,
    number: documentNumber(order.kind, order.id),
    stage: 'received',
    customerName: order.customer.name,
    zohoContactId: null,
    currency: order.currency,
    totalMinor: orderTotals(order).gross.amount,
    payload: order,
    workflowId: workflowId(order.kind, order.id),
    workflowStarted: true,
    zohoId: null,
    zohoNumber: null,
    attentionReason: null,
    repId: null,
  });
  return order;
}

export async function storeReceivedCustomer(db: Database, customer: Customer): Promise<Customer> {
  await db.Customer.create({
    id: customer.id,
    name: customer.name,
    email: customer.email ?? null,
    payload: customer,
    stage: 'received',
    zohoContactId: null,
    attentionReason: null,
    workflowId: workflowId('customer', customer.id),
    workflowStarted: true,
    repId: null,
  });
  return customer;
}
