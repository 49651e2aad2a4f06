// Strict zod schemas of REST `*WhereInput` bodies, generated the Prisma way the official SDKs
// document them (AlertWhereInput: every scalar field with its operator variants, single relations
// taking the related where input, list relations `_some`/`_none`/`_every`, plus AND/OR/NOT). An
// unknown field is refused with 400 InvalidParams, as the server's schema validation does; nested
// where inputs cover the subset of fields the simulator models (docs/simulator-cloudtower.md).
import { z } from 'zod';
import { LIST_OPS, ORDER_OPS, STRING_OPS } from '../where-ops.js';

/** A field: a scalar kind, or a relation to another where input (by name, resolved lazily). */
export type RestWhereField = 'string' | 'time' | 'number' | 'boolean' | { one: string } | { many: string };

function scalar(field: string, kind: 'string' | 'time' | 'number' | 'boolean'): Record<string, z.ZodType> {
  if (kind === 'boolean')
    return { [field]: z.boolean().optional(), [`${field}_not`]: z.boolean().optional() };
  const value = kind === 'number' ? z.number() : z.string();
  const ops = kind === 'string' ? STRING_OPS : ORDER_OPS;
  const shape: Record<string, z.ZodType> = {};
  for (const op of ops) shape[`${field}${op}`] = value.optional();
  for (const op of LIST_OPS) shape[`${field}${op}`] = z.array(value).optional();
  return shape;
}

/** A registry of where inputs that may refer to each other (relations resolve by name). */
export class RestWhereInputs {
  private readonly schemas = new Map<string, z.ZodType>();

  define(name: string, fields: Record<string, RestWhereField>): z.ZodType {
    const self = (): z.ZodType => this.get(name);
    const shape: Record<string, z.ZodType> = {
      AND: z.array(z.lazy(self)).optional(),
      OR: z.array(z.lazy(self)).optional(),
      NOT: z.array(z.lazy(self)).optional(),
    };
    for (const [field, kind] of Object.entries(fields)) {
      if (typeof kind === 'string') Object.assign(shape, scalar(field, kind));
      else if ('one' in kind) shape[field] = z.lazy(() => this.get(kind.one)).optional();
      else
        for (const op of ['_some', '_none', '_every'])
          shape[`${field}${op}`] = z.lazy(() => this.get(kind.many)).optional();
    }
    const schema = z.strictObject(shape);
    this.schemas.set(name, schema);
    return schema;
  }

  get(name: string): z.ZodType {
    const schema = this.schemas.get(name);
    if (!schema) throw new Error(`where input ${name} is not defined`);
    return schema;
  }
}
