// Authentication as CloudTower does it:
// - `POST /v2/api/login` and the GraphQL `login` mutation issue a JWT-looking token; GraphQL login
//   also sets the `connect.sid` session cookie (and the stray second `path=/` cookie the real server
//   sends, which is why real clients end up sending `path=/; path=/; connect.sid=...`).
// - REST calls carry `Authorization: <token>`; GraphQL accepts the token or the cookie; the
//   ovm-operator wants HTTP Basic `o11y:HC!r0cks` plus the cookie.
// - Sessions expire after `tokenTtlSeconds` of simulated time. The fault point `auth:cloudtower`
//   expires the presented session on demand (the "expired token" fault).
// Tokens, cookies and passwords stay in runtime memory; logs and state only see counts.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimContext, SimRequest } from '../core/contract.js';
import type { CloudTowerSimOptions } from './options.js';
import { isoNow } from './ids.js';
import { runtimeOf, type Session } from './runtime.js';
import { towerState, type RootPasswordState } from './store.js';

/** The encoded `HC!r0cks` constants of seed 003 (createRootUser and the GraphQL login). */
const KNOWN_ENCODED: Record<string, string> = {
  NzllNTE3NTgxYWY5NDY3ODM4ZTczMTg1MDc4YmM3YzQ6eVpSSTlodUNxNDBNL3J4ZTViZ1dqZz09: 'HC!r0cks',
  NmQwNTQ2MTI4MDQxMjgzYTk3NDU3OGZmYjk3NmFhNGM6dm40by9nOE0xZ0ZjVmxBSmR2Nmk3QT09: 'HC!r0cks',
};

/**
 * Decodes an `effect: { encoded: true }` password. The real encoding is base64 of
 * `<hex iv>:<AES ciphertext>` with a key only the browser bundle knows, so only the seed's constants
 * can be decoded; anything else (plain base64 of a password included, which the real server refuses,
 * FACTS.md) is undecodable and refused.
 */
export function decodeEncodedPassword(encoded: string): string | undefined {
  return KNOWN_ENCODED[encoded];
}

/** CloudTower's factory root password (the plain text of the seed's encoded constants). */
const FACTORY_ROOT_PASSWORD = 'HC!r0cks';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Sets root's password: its sha256 in runtime memory, and in the shared state only whether it is the
 * factory default, who set it and how often it changed (never the password or its hash).
 */
export function setRootPassword(ctx: SimContext, password: string, setBy: RootPasswordState['setBy']): void {
  runtimeOf(ctx.state).rootPasswordSha256 = sha256Hex(password);
  const tower = towerState(ctx);
  const changes = (tower.rootPassword?.changes ?? 0) + (setBy === 'rest:update-user' ? 1 : 0);
  tower.rootPassword = {
    isFactoryDefault: password === FACTORY_ROOT_PASSWORD,
    setBy,
    updatedAt: isoNow(ctx),
    changes,
  };
}

export function checkRootPassword(ctx: SimContext, password: string): boolean {
  const expected = runtimeOf(ctx.state).rootPasswordSha256;
  if (!expected) return false;
  return safeEqual(sha256Hex(password), expected);
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function b64url(buf: Buffer): string {
  return buf.toString('base64url');
}

export function issueSession(ctx: SimContext, uid: string): Session {
  const rt = runtimeOf(ctx.state);
  const token = `eyJhbGciOiJIUzI1NiJ9.${b64url(Buffer.from(uid))}.${b64url(randomBytes(32))}`;
  const sid = randomBytes(16).toString('base64url').replace(/[-_]/g, 'x').slice(0, 25).toLowerCase();
  const cookie = `s:${sid}.${randomBytes(32).toString('base64')}`;
  const session: Session = { uid, token, cookie, issuedAt: ctx.clock.now() };
  rt.sessionsByToken.set(token, session);
  rt.sessionsByCookie.set(cookie, session);
  return session;
}

/** The two Set-Cookie lines the real GraphQL login answers with. */
export function sessionCookies(session: Session): string[] {
  return [
    `connect.sid=${encodeURIComponent(session.cookie)}; Path=/; HttpOnly; Secure; SameSite=Strict`,
    'path=/; HttpOnly; Secure; SameSite=Strict',
  ];
}

function headerValue(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The `connect.sid` value of the Cookie header, tolerating the `path=/; path=/;` noise. */
function cookieSid(req: SimRequest): string | undefined {
  const header = headerValue(req, 'cookie');
  if (!header) return undefined;
  for (const piece of header.split(';')) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    if (piece.slice(0, eq).trim() !== 'connect.sid') continue;
    try {
      return decodeURIComponent(piece.slice(eq + 1).trim());
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function bearer(req: SimRequest): string | undefined {
  const header = headerValue(req, 'authorization');
  if (!header || /^basic /i.test(header)) return undefined;
  return header.replace(/^bearer\s+/i, '').trim() || undefined;
}

type AuthResult = { ok: true; session: Session } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

function validate(ctx: SimContext, options: CloudTowerSimOptions, session: Session): AuthResult {
  const rt = runtimeOf(ctx.state);
  const expired =
    ctx.clock.since(session.issuedAt) > options.tokenTtlSeconds || ctx.faults.fire('auth:cloudtower');
  if (expired) {
    rt.sessionsByToken.delete(session.token);
    rt.sessionsByCookie.delete(session.cookie);
    ctx.log('cloudtower.session-expired', { uid: session.uid });
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, session };
}

/** Checks the token and/or the session cookie, as allowed by the caller. */
export function authenticate(
  ctx: SimContext,
  options: CloudTowerSimOptions,
  req: SimRequest,
  allow: { token: boolean; cookie: boolean },
): AuthResult {
  const rt = runtimeOf(ctx.state);
  const token = allow.token ? bearer(req) : undefined;
  const cookie = allow.cookie ? cookieSid(req) : undefined;
  if (!token && !cookie) return { ok: false, reason: 'missing' };
  const session = (token && rt.sessionsByToken.get(token)) || (cookie && rt.sessionsByCookie.get(cookie));
  if (!session) return { ok: false, reason: 'invalid' };
  return validate(ctx, options, session);
}

/** The ovm-operator's fixed Basic credentials. */
const OVM_BASIC = Buffer.from('o11y:HC!r0cks').toString('base64');

export function checkOvmBasic(req: SimRequest): boolean {
  const header = headerValue(req, 'authorization') ?? '';
  const m = /^basic\s+(\S+)$/i.exec(header);
  return m !== null && safeEqual(m[1], OVM_BASIC);
}
