/**
 * Revoking a refresh token at Zoho's accounts server (`POST /oauth/v2/token/revoke?token=…`), so a
 * disconnected organization's token cannot be used by anyone who copied it. Best effort: the
 * caller disconnects either way and records what Zoho said.
 */
export interface RevokeOutcome {
  revoked: boolean;
  /** Why not, in a line (network, Zoho's error). */
  reason?: string;
}

export async function revokeRefreshToken(accountsUrl: string, refreshToken: string, fetchImpl: typeof fetch = fetch, timeoutMs = 5000): Promise<RevokeOutcome> {
  try {
    const url = `${accountsUrl.replace(/\/+$/, '')}/oauth/v2/token/revoke?${new URLSearchParams({ token: refreshToken })}`;
    const res = await fetchImpl(url, { method: 'POST', signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => undefined)) as { status?: unknown; error?: unknown } | undefined;
    if (res.ok && body?.status === 'success') return { revoked: true };
    return { revoked: false, reason: `Zoho answered HTTP ${res.status}${typeof body?.error === 'string' ? ` (${body.error})` : ''}` };
  } catch (err) {
    return { revoked: false, reason: (err as Error).message };
  }
}
