// zod helpers shared by the three API families: one readable line per problem, naming the field.
import { z } from 'zod';

export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
      return `${path}: ${issue.message}`;
    })
    .join('; ');
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export function parseWith<T>(schema: z.ZodType<T>, input: unknown, root: string): Parsed<T> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: describeIssues(r.error, root) };
}

/** Parses a small JSON body; `undefined` for an empty body. Throws SyntaxError when not JSON. */
export function parseJsonBody(buf: Buffer): unknown {
  const text = buf.toString('utf8').trim();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/**
 * A body that may be one item or a non-empty array of items (CloudTower's create calls accept
 * both); issues name the item index, e.g. `body.1.vds_id`.
 */
export function oneOrMany<T>(item: z.ZodType<T>): z.ZodType<T | T[]> {
  return z.unknown().transform((value, ctx) => {
    const many = Array.isArray(value);
    const list: unknown[] = many ? value : [value];
    if (list.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'expected at least one item' });
      return z.NEVER;
    }
    const out: T[] = [];
    list.forEach((entry, i) => {
      const r = item.safeParse(entry);
      if (r.success) out.push(r.data);
      else
        for (const issue of r.error.issues)
          ctx.addIssue({
            code: 'custom',
            message: issue.message,
            path: many ? [i, ...issue.path] : issue.path,
          });
    });
    return many ? out : out[0];
  });
}

/** The items of a body `oneOrMany` accepted: one item becomes a list of one. */
export function listOf<T>(body: T | T[]): T[] {
  return Array.isArray(body) ? body : [body];
}

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
