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
  /** The revision the hub holds (0: as first sent); the rep's edits after sending count up from 1. */
  revision: number;
  /** Whether the rep can still change it from the app (domain/revisions.ts), and if not, why. */
  editable: boolean;
  notEditableReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface TimelineEntry {
  stage: Stage;
  note: string | null;
  at: string;
}

/** A workflow step being retried right now (Zoho down, rate-limited, out of daily quota...). */
export interface PendingStep {
  /** The activity's name, as support sees it in the Temporal Web UI (e.g. createInZoho). */
  step: string;
  attempt: number;
  lastFailure: string | null;
  nextAttemptAt: string | null;
}

/** One document with its timeline (`GET /api/orders/:id`). */
export interface OrderDetail extends OrderSummary {
  /** The order or quote exactly as the device sent it (lines, fees, delivery): enough to order again. */
  document?: Order;
  /** The field mapping it was sent to Zoho with (version 0: the default file); null before mapping. */
  mapping?: { target: string; version: number | null } | null;
  timeline: TimelineEntry[];
  /** While the workflow runs: the steps it is retrying (absent when Temporal could not be asked). */
  pending?: PendingStep[];
  /** Every version once the rep changed it after sending (revision 0 is the first), oldest first. */
  revisions?: Array<{ revision: number; total: Money; lines: number; at: string; document: Order }>;
}
