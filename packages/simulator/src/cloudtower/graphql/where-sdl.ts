// CloudTower's `*WhereInput` types are generated Prisma-style: every scalar field gets its
// operator variants (`name_not_starts_with`, `object_not_in`, …), single relations take the
// related where input, list relations `_some`/`_none`/`_every`, plus AND/OR/NOT. Writing them out by
// hand for each type would be long and easy to get inconsistent, so the SDL is generated here.
import { LIST_OPS, ORDER_OPS as NUMBER_OPS, STRING_OPS } from '../where-ops.js';

/** A field of a where input: a scalar/enum type name, or a relation to another where input. */
type WhereField = string | { one: string } | { many: string };

function scalarLines(field: string, type: string): string[] {
  if (type === 'Boolean') return [`${field}: Boolean`, `${field}_not: Boolean`];
  const ops = type === 'String' || type === 'ID' || type === 'DateTime' ? STRING_OPS : NUMBER_OPS;
  // Enums only compare for (in)equality.
  const single = /^(String|ID|DateTime|Int|Float)$/.test(type) ? ops : ['', '_not'];
  return [
    ...single.map((op) => `${field}${op}: ${type}`),
    ...LIST_OPS.map((op) => `${field}${op}: [${type}!]`),
  ];
}

/** SDL of `input <name> { … }` for the given fields. */
export function whereInput(name: string, fields: Record<string, WhereField>): string {
  const lines = [`AND: [${name}!]`, `OR: [${name}!]`, `NOT: [${name}!]`];
  for (const [field, kind] of Object.entries(fields)) {
    if (typeof kind === 'string') lines.push(...scalarLines(field, kind));
    else if ('one' in kind) lines.push(`${field}: ${kind.one}`);
    else lines.push(...['_some', '_none', '_every'].map((op) => `${field}${op}: ${kind.many}`));
  }
  return `input ${name} {\n  ${lines.join('\n  ')}\n}\n`;
}

/** SDL of the `<Type>OrderByInput` enum: `<field>_ASC` / `<field>_DESC` for each field. */
export function orderByEnum(name: string, fields: string[]): string {
  return `enum ${name} {\n  ${fields.flatMap((f) => [`${f}_ASC`, `${f}_DESC`]).join('\n  ')}\n}\n`;
}
