// Validates a request body against a route's schema under the route's declared rules
// (core/evidence.ts): a schema refusal happens only where the route recorded a source for it, and
// keys the schema does not name are dropped, refused or served as `lenient` as the family's
// evidence says. Schemas are plain (stripping) objects; the keys they dropped are found by
// comparing the input with the parsed value.
import type { z } from 'zod';
import type { SimRequest } from './contract.js';
import { describeIssues } from './envelope.js';

export type BodyCheck<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; issues: { path: PropertyKey[]; message: string; code?: string }[] };

/** Thrown when a route would refuse a body without a recorded source: a defect of the simulator. */
export class UnsourcedRefusal extends Error {}

export function checkBody<T>(req: SimRequest, schema: z.ZodType<T>, input: unknown): BodyCheck<T> {
  const rules = req.rules;
  if (!rules || rules.body === 'none') throw new UnsourcedRefusal(`${req.path}: body rules not declared`);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    if (!rules.refusals.some((r) => r.status === 400))
      throw new UnsourcedRefusal(`${req.path}: a schema refusal without a recorded source`);
    return { ok: false, message: describeIssues(parsed.error.issues), issues: parsed.error.issues };
  }
  const extra = unknownKeyPaths(input, parsed.data);
  if (extra.length > 0) {
    if (rules.unknownKeys === 'refuse') {
      if (!rules.unknownKeysSource)
        throw new UnsourcedRefusal(`${req.path}: unknown keys refused without a source`);
      const message = extra.map((p) => `${p}: Unrecognized key`).join('; ');
      return {
        ok: false,
        message,
        issues: extra.map((p) => ({ path: p.split('.'), message: 'Unrecognized key' })),
      };
    }
    if (rules.unknownKeys === 'lenient') for (const p of extra) req.lenient(`unknown-key:${p}`);
  }
  return { ok: true, value: parsed.data };
}

/**
 * Paths of object keys present in `input` but gone from `output` (what a stripping schema dropped),
 * e.g. `username` or `hosts.0.extra`. Values a schema transformed into another shape are not followed.
 */
export function unknownKeyPaths(input: unknown, output: unknown, prefix = ''): string[] {
  const at = (k: string | number) => (prefix ? `${prefix}.${k}` : String(k));
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((v, i) => unknownKeyPaths(v, output[i], at(i)));
  }
  if (isPlain(input) && isPlain(output)) {
    return Object.keys(input).flatMap((k) =>
      k in output ? unknownKeyPaths(input[k], output[k], at(k)) : [at(k)],
    );
  }
  return [];
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

/**
 * A refusal worded as grpc-gateway passes protojson's error on (`proto: … invalid value for …`), for
 * the families served by grpc-gateway; the exact text of a real server is a guess
 * (docs/simulator-cloudtower.md lists it).
 */
export function protojsonMessage(issues: { path: PropertyKey[] }[]): string {
  const field = issues[0]?.path.map(String).join('.') || '(body)';
  return `proto: syntax error (line 1:1): invalid value for field ${field}`;
}
