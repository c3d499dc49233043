/**
 * How an order waiting for a support or admin approval is told apart: its needs_attention reason
 * starts with this (the hub writes it, the console shows Approve for it). Pure, zod-free.
 */
export const AWAITING_APPROVAL = 'waiting for approval: ';

export const isAwaitingApproval = (reason: string | null | undefined): boolean => !!reason?.startsWith(AWAITING_APPROVAL);
