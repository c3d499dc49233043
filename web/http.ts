/**
 * The hub's JSON API as a browser app calls it: the rep's app (client/) and the console (console/)
 * both build their `request` here, so the CSRF header and the reading of the hub's error envelope
 * live in one place. Every failure becomes an `ApiError` whose message can be shown as is.
 */

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

/** `fetch` options, plus `json`: a value sent as the JSON body. */
export type ApiRequestInit = RequestInit & { json?: unknown };

export interface RequestOptions {
  /** Dispatched on `window` on any 401 outside sign-in (detail: the hub's message). */
  signedOutEvent: string;
  /** What to say when the hub could not be reached (status 0). */
  unreachable?: () => string;
  /** Told after each call whether the hub answered (false: no answer, or a gateway's 502/503/504). */
  onReach?: (reached: boolean) => void;
}

/** A `request(path, init)` that answers the parsed JSON body or throws an `ApiError`. */
export function createRequest({ signedOutEvent, unreachable = () => 'Could not reach the hub.', onReach }: RequestOptions) {
  return async function request<T>(path: string, init: ApiRequestInit = {}): Promise<T> {
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
      onReach?.(false);
      throw new ApiError(unreachable(), 0);
    }
    onReach?.(![502, 503, 504].includes(res.status));
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const error = (body as { error?: { message?: unknown; fields?: unknown; code?: unknown } } | undefined)?.error;
      const message = typeof error?.message === 'string' && error.message ? error.message : `The hub answered ${res.status} ${res.statusText}`.trim();
      const fields = Array.isArray(error?.fields) ? (error.fields as FieldError[]) : [];
      const code = typeof error?.code === 'string' ? error.code : undefined;
      if (res.status === 401 && path !== '/api/auth/login') window.dispatchEvent(new CustomEvent(signedOutEvent, { detail: message }));
      throw new ApiError(message, res.status, fields, code);
    }
    if (body === undefined) throw new ApiError('The hub sent an answer that is not JSON.', res.status);
    return body as T;
  };
}
