// The small HTTP base every SmartX client sits on (got underneath).
//
// - The URL comes from the EndpointResolver (`https://<loopback or site host>:<port>`); the `host` header
//   always carries the plan address, as every call of seed 003 does (FACTS: `host: <target IP>`).
// - TLS accepts self-signed certificates: SMTX OS, CloudTower and OBS ship with certificates generated
//   at install time for bare IPs; there is no CA to pin to during a bring-up.
// - No got-level retries: Temporal activities own retries, timeouts and backoff, per activity. A retry
//   hidden here would multiply with the activity's and could repeat non-idempotent POSTs.
// - Responses are parsed with a zod schema per call; failures become `SmartxHttpError`s whose text is
//   built from method, path, plan address, status and a redacted remote message only.
// - A client holding a session (`SessionAuth`) logs in again once on 401 and repeats the call.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import got, { RequestError, type Method } from 'got';
import type { z } from 'zod';
import { uploadBuffers, type BufferLease } from './buffer-pool.js';
import type { EndpointResolver } from './endpoints.js';
import { SmartxHttpError, kindForStatus } from './errors.js';
import { redactText } from './redact.js';

export type Scheme = 'http' | 'https';

/** Session handling of one client: headers for the current session, and a fresh login. */
export interface SessionAuth {
  /** Auth headers of the current session; logs in first when there is none yet. */
  headers(): Promise<Record<string, string>>;
  /** Drops the current session and logs in again (called once on a 401). */
  renew(): Promise<void>;
}

interface SmartxHttpOptions {
  resolver: EndpointResolver;
  /** The address as the plan names it (sent as `host` header, used in error messages). */
  address: string;
  /** Default request timeout in ms (30 s). */
  timeoutMs?: number;
  auth?: SessionAuth;
  /** Plain-text secrets this client sends; scrubbed from any remote message before it reaches an error. */
  secrets?: () => readonly string[];
}

/** A request body, written straight into the request (no Readable in between, issue 24). */
export interface BodySource {
  /** Writes the whole body into `target` and ends it; file bytes are read into buffers of `buffers`. */
  writeTo(target: Writable, buffers: BufferLease): Promise<void>;
  /** False for a caller's one-shot stream: a 401 then renews the session and fails retryably. */
  replayable: boolean;
  length?: number;
  contentType: string;
}

export interface CallOptions<S extends z.ZodType> {
  method: Method;
  path: string;
  scheme?: Scheme;
  /** Real port as the API uses it; defaults to 443 for https and 80 for http. */
  port?: number;
  searchParams?: Record<string, string | number | boolean>;
  json?: unknown;
  body?: BodySource;
  headers?: Record<string, string>;
  /** `envelope`: `{ec, error, data}` with `data` checked by `schema`; `json`: whole body; `none`: ignore. */
  parse: 'envelope' | 'json' | 'none';
  schema: S;
  /** Send the session's auth headers (default: true when the client has a session). */
  auth?: boolean;
  /** Plain-text secrets in this request's body, scrubbed from any remote message of its answer. */
  secrets?: readonly string[];
  timeoutMs?: number;
}

interface CallResult<T> {
  data: T;
  status: number;
  headers: IncomingHttpHeaders;
  /** The raw response text (for calls whose body the seed leaves undocumented). */
  body: string;
}

const MAX_REMOTE_MESSAGE = 300;

export class SmartxHttp {
  readonly address: string;
  private readonly resolver: EndpointResolver;
  private readonly timeoutMs: number;
  private readonly auth?: SessionAuth;
  private readonly secrets: () => readonly string[];

  constructor(options: SmartxHttpOptions) {
    this.address = options.address;
    this.resolver = options.resolver;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.auth = options.auth;
    this.secrets = options.secrets ?? (() => []);
  }

  /** Base URL of this machine for a scheme/port, through the resolver (fails closed when unmapped). */
  baseUrl(scheme: Scheme, port?: number): string {
    const realPort = port ?? (scheme === 'https' ? 443 : 80);
    const { host, port: targetPort } = this.resolver.resolve(this.address, realPort);
    const h = host.includes(':') ? `[${host}]` : host;
    return `${scheme}://${h}:${targetPort}`;
  }

  endpointName(method: string, path: string): string {
    return `${method.toUpperCase()} ${path} @ ${this.address}`;
  }

  async call<S extends z.ZodType>(options: CallOptions<S>): Promise<z.infer<S>> {
    return (await this.send(options)).data;
  }

  async send<S extends z.ZodType>(options: CallOptions<S>): Promise<CallResult<z.infer<S>>> {
    const useAuth = options.auth ?? this.auth !== undefined;
    const first = await this.exchange(options, useAuth);
    if (first.status !== 401 || !useAuth || !this.auth) return this.interpret(options, first);
    // Session expired (or was revoked): one fresh login, then the same call again.
    await this.auth.renew();
    if (options.body && !options.body.replayable) {
      throw new SmartxHttpError({
        kind: 'auth',
        endpoint: this.endpointName(options.method, options.path),
        status: 401,
        remoteMessage: 'session renewed; the streamed body cannot be replayed, retry the call',
        retryable: true,
      });
    }
    return this.interpret(options, await this.exchange(options, useAuth));
  }

  /** Streams a response body to `filePath`; returns its size and sha256 (memory stays flat). */
  async download(
    options: Omit<CallOptions<z.ZodType>, 'parse' | 'schema' | 'json' | 'body'>,
    filePath: string,
  ): Promise<{ size: number; sha256: string }> {
    const endpoint = this.endpointName(options.method, options.path);
    const useAuth = options.auth ?? this.auth !== undefined;
    const attempt = async (): Promise<{ size: number; sha256: string } | 'unauthorized'> => {
      const headers = await this.headersFor(options.headers, useAuth);
      const stream = got.stream(this.urlFor(options), {
        ...this.requestBase(options, headers),
        timeout: { connect: 15_000, response: options.timeoutMs ?? this.timeoutMs },
      });
      const response = await new Promise<{ statusCode: number }>((resolve, reject) => {
        stream.once('response', resolve);
        stream.once('error', reject);
      }).catch((err: unknown) => {
        throw this.networkError(endpoint, err);
      });
      if (response.statusCode === 401 && useAuth && this.auth) {
        stream.destroy();
        return 'unauthorized';
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        const text = await readLimited(stream, 4096);
        throw this.statusError(endpoint, response.statusCode, text);
      }
      const hash = createHash('sha256');
      let size = 0;
      const tap = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(stream, tap, createWriteStream(filePath));
      } catch (err) {
        throw this.networkError(endpoint, err);
      }
      return { size, sha256: hash.digest('hex') };
    };
    const first = await attempt();
    if (first !== 'unauthorized') return first;
    await this.auth?.renew();
    const second = await attempt();
    if (second === 'unauthorized') throw new SmartxHttpError({ kind: 'auth', endpoint, status: 401 });
    return second;
  }

  private urlFor(options: { scheme?: Scheme; port?: number; path: string }): string {
    return `${this.baseUrl(options.scheme ?? 'https', options.port)}${options.path}`;
  }

  private async headersFor(
    extra: Record<string, string> | undefined,
    useAuth: boolean,
  ): Promise<Record<string, string>> {
    const authHeaders = useAuth && this.auth ? await this.auth.headers() : {};
    return { ...authHeaders, ...extra, host: this.address };
  }

  /**
   * What every request shares: got neither retries nor follows redirects (the activities' retry
   * policies decide, and an appliance's redirect is an answer to report), answers of any status are
   * read, and appliances' self-signed certificates are accepted.
   */
  private requestBase(
    options: Pick<CallOptions<z.ZodType>, 'method' | 'searchParams'>,
    headers: Record<string, string>,
  ) {
    return {
      method: options.method,
      headers,
      searchParams: options.searchParams,
      throwHttpErrors: false,
      retry: { limit: 0 },
      followRedirect: false,
      https: { rejectUnauthorized: false },
    };
  }

  private async exchange(
    options: CallOptions<z.ZodType>,
    useAuth: boolean,
  ): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
    const headers = await this.headersFor(options.headers, useAuth);
    if (options.body) return this.exchangeWithBody(options, options.body, headers);
    let body: string | undefined;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    try {
      const response = await got(this.urlFor(options), {
        ...this.requestBase(options, headers),
        body,
        responseType: 'text',
        timeout: { request: options.timeoutMs ?? this.timeoutMs },
      });
      return { status: response.statusCode, body: response.body, headers: response.headers };
    } catch (err) {
      throw this.networkError(this.endpointName(options.method, options.path), err);
    }
  }

  /**
   * A call whose body (an upload) is written straight into got's request stream: the part headers,
   * the file's bytes in a few reused buffers, the closing boundary, with a known length when the body
   * has one. An answer that comes before the whole body was sent (a refusal) ends the call; the
   * request is then dropped rather than its connection reused.
   */
  private async exchangeWithBody(
    options: CallOptions<z.ZodType>,
    body: BodySource,
    headers: Record<string, string>,
  ): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
    headers['content-type'] = body.contentType;
    if (body.length !== undefined) headers['content-length'] = String(body.length);
    const request = got.stream(this.urlFor(options), {
      ...this.requestBase(options, headers),
      timeout: { request: options.timeoutMs ?? this.timeoutMs },
    });
    const buffers = uploadBuffers.lease();
    // A failed write destroys the request with its error, which the answer's wait below reports.
    body
      .writeTo(request, buffers)
      .catch((err: unknown) => request.destroy(err instanceof Error ? err : new Error(String(err))));
    try {
      const response = await new Promise<{ statusCode: number; headers: IncomingHttpHeaders }>(
        (resolve, reject) => {
          request.once('response', resolve);
          request.once('error', reject);
        },
      );
      const text = await readAll(request);
      if (!request.writableEnded) {
        request.destroy();
        buffers.abandon();
      }
      return { status: response.statusCode, body: text, headers: response.headers };
    } catch (err) {
      request.destroy();
      buffers.abandon();
      throw this.networkError(this.endpointName(options.method, options.path), err);
    }
  }

  private interpret<S extends z.ZodType>(
    options: CallOptions<S>,
    raw: { status: number; body: string; headers: IncomingHttpHeaders },
  ): CallResult<z.infer<S>> {
    const endpoint = this.endpointName(options.method, options.path);
    if (raw.status < 200 || raw.status >= 300)
      throw this.statusError(endpoint, raw.status, raw.body, options.secrets);
    if (options.parse === 'none')
      return { data: undefined as z.infer<S>, status: raw.status, headers: raw.headers, body: raw.body };
    let json: unknown;
    try {
      json = raw.body.length === 0 ? undefined : JSON.parse(raw.body);
    } catch {
      throw new SmartxHttpError({
        kind: 'protocol',
        endpoint,
        status: raw.status,
        remoteMessage: 'response is not JSON',
      });
    }
    let payload = json;
    if (options.parse === 'envelope') {
      const env = asEnvelope(json);
      if (!env) {
        throw new SmartxHttpError({
          kind: 'protocol',
          endpoint,
          status: raw.status,
          remoteMessage: 'no {ec, data} envelope',
        });
      }
      if (env.ec !== 'EOK') {
        throw new SmartxHttpError({
          kind: 'remote',
          endpoint,
          status: raw.status,
          ec: env.ec,
          remoteMessage: this.clean(describeRemoteError(env.error), options.secrets),
        });
      }
      payload = env.data;
    }
    const parsed = options.schema.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '<root>'}: ${i.message}`);
      throw new SmartxHttpError({
        kind: 'protocol',
        endpoint,
        status: raw.status,
        remoteMessage: this.clean(`unexpected response shape (${issues.join('; ')})`, options.secrets),
      });
    }
    return { data: parsed.data, status: raw.status, headers: raw.headers, body: raw.body };
  }

  /** Error for a non-2xx answer; uses the envelope's `ec`/message when the body has one. */
  statusError(
    endpoint: string,
    status: number,
    body: string,
    secrets: readonly string[] = [],
  ): SmartxHttpError {
    let ec: string | undefined;
    let message: string | undefined = body.trim() || undefined;
    try {
      const json: unknown = JSON.parse(body);
      const env = asEnvelope(json);
      if (env) {
        ec = env.ec;
        message = describeRemoteError(env.error) ?? message;
      } else if (json && typeof json === 'object') {
        const o = json as Record<string, unknown>;
        if (Array.isArray(o.errors)) o.message = graphqlMessages(o.errors).join('; ');
        const m = o.message ?? o.error_message ?? o.msg ?? o.error;
        if (typeof m === 'string') message = m;
      }
    } catch {
      // not JSON: keep the text
    }
    return new SmartxHttpError({
      kind: kindForStatus(status),
      endpoint,
      status,
      ec,
      remoteMessage: this.clean(message, secrets),
    });
  }

  private networkError(endpoint: string, err: unknown): SmartxHttpError {
    if (err instanceof SmartxHttpError) return err;
    // Only the code and got's short message are kept: got's error object carries the request options,
    // headers included, so it must never become the `cause` of an error that gets logged.
    const code = err instanceof RequestError ? err.code : (err as NodeJS.ErrnoException | undefined)?.code;
    const message = err instanceof Error ? err.message : String(err);
    return new SmartxHttpError({ kind: 'network', endpoint, code, remoteMessage: this.clean(message) });
  }

  clean(text: string | undefined, extra: readonly string[] = []): string | undefined {
    if (text === undefined) return undefined;
    const red = redactText(text, [...this.secrets(), ...extra]);
    return red.length > MAX_REMOTE_MESSAGE ? `${red.slice(0, MAX_REMOTE_MESSAGE)}…` : red;
  }
}

interface Envelope {
  ec: string;
  error: unknown;
  data: unknown;
}

function asEnvelope(json: unknown): Envelope | undefined {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.ec !== 'string') return undefined;
  return { ec: o.ec, error: o.error, data: o.data };
}

/** `message` of each entry of a GraphQL `errors[]`. */
export function graphqlMessages(errors: unknown[]): string[] {
  return errors.map((e) =>
    e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string'
      ? (e as { message: string }).message
      : 'unknown GraphQL error',
  );
}

function describeRemoteError(error: unknown): string | undefined {
  if (error === null || error === undefined) return undefined;
  if (typeof error === 'string') return error || undefined;
  if (typeof error === 'object') {
    const o = error as Record<string, unknown>;
    for (const key of ['msg', 'message', 'detail', 'reason']) {
      if (typeof o[key] === 'string' && o[key]) return o[key];
    }
    const text = JSON.stringify(error);
    return text === '{}' ? undefined : text;
  }
  return typeof error === 'number' || typeof error === 'boolean' ? String(error) : undefined;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function readLimited(stream: NodeJS.ReadableStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (total < limit) chunks.push(chunk);
    total += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, limit);
}
