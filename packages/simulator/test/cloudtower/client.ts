/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access */
// Tests read the simulator's JSON answers loosely typed (`any`) and pin them down with assertions.
// Test-side clients for the CloudTower modules: GraphQL with the seed's documents, REST with the token,
// multipart bodies built the way browsers send them, and a bootstrap up to a connected cluster.
import got, { type Response } from 'got';
import { SEED_DOCUMENTS } from './seed-documents.js';
import type { Harness } from './harness.js';

export const ROOT_PASSWORD_ENCODED =
  'NzllNTE3NTgxYWY5NDY3ODM4ZTczMTg1MDc4YmM3YzQ6eVpSSTlodUNxNDBNL3J4ZTViZ1dqZz09';
export const LOGIN_PASSWORD_ENCODED =
  'NmQwNTQ2MTI4MDQxMjgzYTk3NDU3OGZmYjk3NmFhNGM6dm40by9nOE0xZ0ZjVmxBSmR2Nmk3QT09';
export const OVM_BASIC = 'Basic bzExeTpIQyFyMGNrcw==';

/** The document seed 003 sends for `op`; unknown names get a one-field stub. */
export function queryText(op: string): string {
  return SEED_DOCUMENTS[op] ?? `mutation ${op} {\n  ${op}\n}\n`;
}

export interface Creds {
  token?: string;
  cookie?: string;
}

function authHeaders(creds?: Creds): Record<string, string> {
  const h: Record<string, string> = {};
  if (creds?.token) h.authorization = creds.token;
  if (creds?.cookie) h.cookie = `path=/; path=/; ${creds.cookie}`;
  return h;
}

export async function gql(
  h: Harness,
  op: string,
  variables: unknown,
  creds?: Creds,
): Promise<Response<string> & { json: any }> {
  const res = await got.post(`${h.url}/api`, {
    json: { operationName: op, variables, query: queryText(op) },
    headers: authHeaders(creds),
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return Object.assign(res, { json: JSON.parse(res.body) });
}

export async function rest(
  h: Harness,
  op: string,
  body: unknown,
  creds?: Creds,
): Promise<Response<string> & { json: any }> {
  const res = await got.post(`${h.url}/v2/api/${op}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...authHeaders(creds) },
    throwHttpErrors: false,
    retry: { limit: 0 },
  });
  return Object.assign(res, { json: JSON.parse(res.body) });
}

/** A multipart/form-data body (fields in the given order). */
export function multipartBody(
  parts: { name: string; value: string | Buffer; filename?: string; contentType?: string }[],
  boundary = '----WebKitFormBoundaryQcfVBpzaWNBlYbLt',
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"`;
    head += '\r\n';
    if (p.contentType) head += `Content-Type: ${p.contentType}\r\n`;
    chunks.push(
      Buffer.from(`${head}\r\n`),
      Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function cookieFrom(res: Response<string>): string {
  const set = res.headers['set-cookie'] ?? [];
  const sid = set.find((c) => c.startsWith('connect.sid='));
  if (!sid) throw new Error('no connect.sid cookie');
  return sid.split(';')[0];
}

export interface Bootstrapped {
  token: string;
  cookie: string;
  orgId: string;
  datacenterId: string;
  clusterId: string;
  settingsId: string;
}

/** Root user, organization, GraphQL + REST login, datacenter, connected cluster. */
export async function bootstrap(h: Harness): Promise<Bootstrapped> {
  const now = new Date(h.clock.now()).toISOString();
  await gql(h, 'createRootUser', { root_password: ROOT_PASSWORD_ENCODED, now });
  const org = await gql(h, 'createOrganization', { data: { name: '八九实验室' } });
  const orgId = org.json.data.createOrganization.id as string;
  const login = await gql(h, 'login', {
    data: { username: 'root', password: LOGIN_PASSWORD_ENCODED, source: 'LOCAL', auth_config_id: null },
  });
  const cookie = cookieFrom(login);
  const restLogin = await rest(h, 'login', { username: 'root', source: 'LOCAL', password: 'HC!r0cks' });
  const token = restLogin.json.data.token as string;
  const dc = await rest(h, 'create-datacenter', { organization_id: orgId, name: 'SMTX-HCI-DC' }, { token });
  const datacenterId = dc.json.data.id as string;
  const conn = await rest(
    h,
    'connect-cluster',
    { datacenter_id: datacenterId, password: 'HC!r0cks', username: 'root', ip: '10.0.20.210' },
    { token },
  );
  await h.clock.advance(61);
  const clusters = await rest(h, 'get-clusters', { where: { name: 'CN-BJ-SMTX-Prod-Cls01' } }, { token });
  const cluster = clusters.json[0];
  if (cluster?.connect_state !== 'CONNECTED') throw new Error(`cluster not connected: ${conn.body}`);
  return { token, cookie, orgId, datacenterId, clusterId: cluster.id, settingsId: cluster.settings.id };
}
