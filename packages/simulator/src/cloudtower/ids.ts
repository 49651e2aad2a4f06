// Identifier shapes of the real system, drawn from the simulator's seeded random source so that a
// run with the same --seed produces the same ids (tests and the demo can compare state dumps).
import type { SimContext } from '../core/contract.js';

const LOWER36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function draw(ctx: SimContext, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++)
    out += alphabet[Math.floor(ctx.random() * alphabet.length) % alphabet.length];
  return out;
}

/** CloudTower (Prisma) ids: 25 characters starting with `c`, e.g. `cmg6y13w6055h0958o1afczt5`. */
export function cuid(ctx: SimContext): string {
  return `c${draw(ctx, LOWER36, 24)}`;
}

/** KSUID-like ids of the ovm-operator and the inspector, e.g. `37JudNjModKfSG1mWKbEhx9d4Qa`. */
export function ksuid(ctx: SimContext): string {
  return draw(ctx, BASE62, 27);
}

/** RFC 4122 version-4 shaped uuid (cluster local ids, license serials). */
export function uuid(ctx: SimContext): string {
  const hex = draw(ctx, '0123456789abcdef', 32).split('');
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(ctx.random() * 4) % 4];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/** Simulated "now" as the ISO string the APIs print (`2025-12-25T06:26:25.000Z`). */
export function isoNow(ctx: SimContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

export function isoAt(simMs: number): string {
  return new Date(simMs).toISOString();
}
