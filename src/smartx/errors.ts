// Typed errors of every remote call. Activities decide retries from `retryable` and `kind`; Temporal
// sees the class name as the failure type, so non-retryable kinds can be listed per activity.

type SmartxErrorKind =
  | 'auth' // 401/403: wrong or expired credentials (a session client already tried one re-login)
  | 'not-found' // 404
  | 'conflict' // 409
  | 'bad-request' // other 4xx: our request is wrong; retrying cannot help
  | 'remote' // 2xx with an error envelope (`ec` other than EOK) or GraphQL `errors[]`
  | 'protocol' // the response does not have the documented shape
  | 'server' // 5xx, 429: the appliance is busy or broken; retry later
  | 'network'; // refused, reset, timed out, TLS failure: retry later

interface SmartxHttpErrorInit {
  kind: SmartxErrorKind;
  /** `METHOD /path @ <plan address>` (never a query value that could be secret, never a header). */
  endpoint: string;
  status?: number;
  ec?: string;
  /** Server-provided message, already redacted and truncated. */
  remoteMessage?: string;
  retryable?: boolean;
  /** Network error code (ECONNREFUSED, ETIMEDOUT...). */
  code?: string;
}

const DEFAULT_RETRYABLE: Record<SmartxErrorKind, boolean> = {
  auth: false,
  'not-found': false,
  conflict: false,
  'bad-request': false,
  remote: false,
  protocol: false,
  server: true,
  network: true,
};

export class SmartxHttpError extends Error {
  override name = 'SmartxHttpError';
  readonly kind: SmartxErrorKind;
  readonly endpoint: string;
  readonly status?: number;
  readonly ec?: string;
  readonly remoteMessage?: string;
  readonly retryable: boolean;
  readonly code?: string;

  constructor(init: SmartxHttpErrorInit) {
    const parts = [`${init.kind} error on ${init.endpoint}`];
    if (init.status !== undefined) parts.push(`HTTP ${init.status}`);
    if (init.ec) parts.push(`ec=${init.ec}`);
    if (init.code) parts.push(init.code);
    if (init.remoteMessage) parts.push(`remote: ${init.remoteMessage}`);
    super(parts.join(', '));
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.ec = init.ec;
    this.remoteMessage = init.remoteMessage;
    this.code = init.code;
    this.retryable = init.retryable ?? DEFAULT_RETRYABLE[init.kind];
  }
}

/** A GraphQL response with `errors[]` (HTTP 200 or not). */
export class SmartxGraphqlError extends SmartxHttpError {
  override name = 'SmartxGraphqlError';
  constructor(
    init: SmartxHttpErrorInit,
    readonly operationName: string,
    /** Redacted `message` of each entry of `errors[]`. */
    readonly messages: string[],
  ) {
    super(init);
  }
}

/** Maps an HTTP status (non-2xx) to the kind of failure. */
export function kindForStatus(status: number): SmartxErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429 || status >= 500) return 'server';
  return 'bad-request';
}
