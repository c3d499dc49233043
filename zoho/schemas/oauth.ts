/**
 * Zoho Accounts OAuth: the token request and its answers, and token revocation. Read from Zoho's
 * OAuth pages as shared/zoho-api.md §1 and §6 give them (api-evangelist/zoho-inventory
 * `authentication/zoho-inventory-authentication.yml` names the flow and the accounts servers):
 * refresh grant `grant_type=refresh_token&client_id&client_secret&refresh_token` (query string or
 * form); success `{access_token, expires_in, api_domain, token_type: "Bearer"}`; failure
 * `{error, error_description?}`, often with HTTP 200; revoke `POST /oauth/v2/token/revoke?token=`
 * answers `{status: "success"}`.
 */
import * as z from 'zod';

export const tokenRefreshRequest = z.strictObject({
  grant_type: z.literal('refresh_token'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  refresh_token: z.string().min(1),
});
export const tokenCodeRequest = z.strictObject({
  grant_type: z.literal('authorization_code'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  code: z.string().min(1),
  redirect_uri: z.string().min(1),
});
export const tokenRequest = z.discriminatedUnion('grant_type', [tokenRefreshRequest, tokenCodeRequest]);

export const tokenAnswer = z.looseObject({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive(),
  api_domain: z.string().regex(/^https?:\/\//, 'a URL'),
  token_type: z.literal('Bearer'),
  scope: z.string().optional(),
});
/** No `access_token`: an `error` (invalid_client, invalid_code, "Access Denied" throttling ...). */
export const tokenErrorAnswer = z.looseObject({ error: z.string().min(1), error_description: z.string().optional() });

export const revokeRequest = z.strictObject({ token: z.string().min(1) });
export const revokeAnswer = z.looseObject({ status: z.literal('success') });
