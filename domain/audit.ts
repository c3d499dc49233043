/** Who did something: a signed-in user, or an address trying to sign in. */
export interface Actor {
  id: string | null;
  email: string | null;
  address: string | null;
}

/** The audit log as the API shows it (`GET /api/audit`): who did what, when, from where. */
export interface AuditEntry {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  target: string | null;
  detail: Record<string, unknown> | null;
  address: string | null;
}

/** One page of the log, newest first; `nextBefore` asks for the page after it (null: no more). */
export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}
