// Test helpers: tiny real servers on 127.0.0.1 (no mocks of got or ssh2) and resolvers that map plan
// addresses onto them. Nothing here connects anywhere but loopback.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EndpointResolver } from '../../src/smartx/endpoints.js';

export interface Recorded {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (req: Recorded, res: http.ServerResponse) => void | Promise<void>;

export interface TestServer {
  port: number;
  requests: Recorded[];
  close(): Promise<void>;
}

function serve(server: http.Server, handler: Handler, requests: Recorded[]): Promise<TestServer> {
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: Recorded = {
        method: req.method ?? '',
        url: new URL(req.url ?? '/', 'http://x'),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(rec);
      Promise.resolve(handler(rec, res)).catch((err: unknown) => {
        res.statusCode = 599;
        res.end(String(err));
      });
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        requests,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

export function startHttp(handler: Handler): Promise<TestServer> {
  return serve(http.createServer(), handler, []);
}

let tlsMaterial: { key: Buffer; cert: Buffer } | undefined;

/** A throwaway self-signed certificate (like the appliances'), made with the openssl CLI. */
export function selfSigned(): { key: Buffer; cert: Buffer } {
  if (tlsMaterial) return tlsMaterial;
  const dir = mkdtempSync(join(process.env.HCI_TEST_SCRATCH ?? tmpdir(), 'smartx-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'k.pem'),
      '-out',
      join(dir, 'c.pem'),
      '-days',
      '2',
      '-subj',
      '/CN=appliance',
    ],
    {
      stdio: 'ignore',
    },
  );
  tlsMaterial = { key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) };
  return tlsMaterial;
}

export function startHttps(handler: Handler): Promise<TestServer> {
  return serve(https.createServer(selfSigned()), handler, []);
}

/** A resolver mapping `address` real ports onto test server ports on 127.0.0.1. */
export function resolverFor(address: string, ports: Record<number, number>): EndpointResolver {
  const mapped: Record<string, number> = {};
  for (const [real, local] of Object.entries(ports)) mapped[real] = local;
  return EndpointResolver.fromMap(
    { version: 1, endpoints: { [address]: { host: '127.0.0.1', ports: mapped } } },
    'test-map',
  );
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export function envelope(data: unknown, ec = 'EOK', error: unknown = {}): unknown {
  return { ec, error, data };
}

export interface ParsedPart {
  name?: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Minimal multipart/form-data parser, to check exactly what a client put on the wire. */
export function parseMultipart(body: Buffer, contentType: string | undefined): ParsedPart[] {
  const m = /boundary=(.+)$/.exec(contentType ?? '');
  if (!m) throw new Error(`not multipart: ${contentType}`);
  const delimiter = `--${m[1]}`;
  const text = body.toString('latin1');
  // RFC 2046: the close delimiter may be followed by an epilogue (form-data-encoder sends one CRLF more).
  const close = `${delimiter}--\r\n`;
  if (!text.endsWith(close) && !text.endsWith(`${close}\r\n`)) throw new Error('missing closing delimiter');
  const pieces = text.split(delimiter).slice(1, -1);
  return pieces.map((piece) => {
    const p = piece.replace(/^\r\n/, '').replace(/\r\n$/, '');
    const split = p.indexOf('\r\n\r\n');
    const head = p.slice(0, split);
    const data = Buffer.from(p.slice(split + 4), 'latin1');
    const name = /name="([^"]*)"/.exec(head)?.[1];
    const filename = /filename="([^"]*)"/.exec(head)?.[1];
    const ct = /Content-Type: (.+)/i.exec(head)?.[1]?.trim();
    return { name, filename, contentType: ct, data };
  });
}
