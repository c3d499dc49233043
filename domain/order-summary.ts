import type { Money } from './money';
import type { DocumentKind, Order } from './order';
import type { Stage } from './lifecycle';

/** One document as the hub's API lists it (`GET /api/orders`): what the client and console show. */
export interface OrderSummary {
  id: string;
  kind: DocumentKind;
  number: string;
  stage: Stage;
  customerName: string;
  total: Money;
  zohoId: string | null;
  zohoNumber: string | null;
  /** Why the document waits in `needs_attention`. */
  attentionReason: string | null;
  workflowId: string;
  /** The workflow in the Temporal Web UI. */
  workflowUrl: string;
  /** Who took it (the console's lists); absent where the API does not say. */
  rep?: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface TimelineEntry {
  stage: Stage;
  note: string | null;
  at: string;
}

/** One document with its timeline (`GET /api/orders/:id`). */
export interface OrderDetail extends OrderSummary {
  /** The order or quote exactly as the device sent it (lines, fees, delivery): enough to order again. */
  document?: Order;
  /** The field mapping it was sent to Zoho with (version 0: the default file); null before mapping. */
  mapping?: { target: string; version: number | null } | null;
  timeline: TimelineEntry[];
}
