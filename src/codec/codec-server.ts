// Temporal's remote codec protocol over HTTP, so the Web UI and `temporal … --codec-endpoint` can read
// payloads that the worker and the CLI encrypted with HCI_PAYLOAD_KEY. The key never leaves this
// process: the UI sends ciphertext, gets plain payloads back (and the reverse for /encode).
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { hostHeaderAllowed } from '../config/host-header.js';

/** Big enough for a workbook-sized input, small enough that a stray client cannot exhaust memory. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** Proto3 JSON of temporal.api.common.v1.Payload: bytes are base64 strings. */
const payloadsBody = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), base64).optional().nullable(),
      data: base64.optional().nullable(),
    }),
  ),
});

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** The Web UI's origin, the only one that gets CORS headers (e.g. http://localhost:8233). */
  origin: string;
  /** When set, every POST needs `Authorization: Bearer <token>`. */
  token?: string;
  /** Called once per request, without bodies or headers (no payload or token reaches a log). */
  log?: (line: string) => void;
  /** Names besides IP literals and localhost that `Host` may carry (DNS rebinding is refused). */
  allowedHosts?: readonly string[];
}

const ALLOW_HEADERS = 'X-Namespace, Content-Type, Authorization';

function fromJson(p: z.infer<typeof payloadsBody>['payloads'][number]): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = Buffer.from(v, 'base64');
  return { metadata, data: Buffer.from(p.data ?? '', 'base64') };
}

function toJson(p: Payload): { metadata: Record<string, string>; data: string } {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {}))
    metadata[k] = Buffer.from(v ?? []).toString('base64');
  return { metadata, data: Buffer.from(p.data ?? []).toString('base64') };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `/decode`, `/encode`, or the same under a namespace segment (`/default/decode`, CLI templating). */
function routeOf(url: string | undefined): 'decode' | 'encode' | undefined {
  const pathname = new URL(url ?? '/', 'http://codec.invalid').pathname.replace(/\/+$/, '');
  const last = pathname.split('/').pop();
  const depth = pathname.split('/').length - 1;
  if ((last === 'decode' || last === 'encode') && depth <= 2) return last;
  return undefined;
}

export function createCodecServer(options: CodecServerOptions): Server {
  const { codec, origin, token, log, allowedHosts } = options;
  return createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => {
      // The codec's own message (e.g. a key id that does not match), never the payload.
      send(res, 400, { error: (err as Error).message });
    });
  });

  function cors(req: IncomingMessage, res: ServerResponse): void {
    if (req.headers.origin !== origin) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }

  function send(res: ServerResponse, status: number, body?: unknown): void {
    if (res.headersSent) return;
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostHeaderAllowed(req.headers.host, allowedHosts)) {
      log?.(`${req.method ?? ''} refused: Host is not this server's address`);
      send(res, 403, { error: 'Host is not an address of this server (see --allowed-host)' });
      return;
    }
    const route = routeOf(req.url);
    const namespace = req.headers['x-namespace'];
    cors(req, res);
    if (req.method === 'OPTIONS') {
      // Preflight of the Web UI: only its own origin learns what it may send.
      if (req.headers.origin === origin) {
        res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
        res.setHeader('Access-Control-Max-Age', '600');
      }
      log?.(`OPTIONS ${req.url ?? ''} origin=${req.headers.origin ?? '-'}`);
      return send(res, 204);
    }
    if (!route) return send(res, 404, { error: 'not found: use POST /decode or POST /encode' });
    if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed: use POST' });
    if (token) {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
      if (!sameSecret(given, token)) {
        log?.(`POST /${route} 401 namespace=${String(namespace ?? '-')}`);
        return send(res, 401, { error: 'missing or wrong bearer token' });
      }
    }
    const text = await readBody(req);
    if (text === undefined) return send(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return send(res, 400, { error: 'body is not JSON' });
    }
    const parsed = payloadsBody.safeParse(json);
    if (!parsed.success) return send(res, 400, { error: 'body must be {"payloads":[{metadata,data}]}' });
    const payloads = parsed.data.payloads.map(fromJson);
    const out = route === 'decode' ? await codec.decode(payloads) : await codec.encode(payloads);
    log?.(`POST /${route} 200 namespace=${String(namespace ?? '-')} payloads=${payloads.length}`);
    send(res, 200, { payloads: out.map(toJson) });
  }
}

/** Listens and resolves with the bound address (port 0 picks a free one, as the tests do). */
export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
