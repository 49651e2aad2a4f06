// The operator suffixes of CloudTower's Prisma-style `*WhereInput` fields, one list for both the
// GraphQL SDL (graphql/where-sdl.ts) and the strict REST schemas (rest/where-schema.ts), so the two
// APIs of one appliance accept the same operators.

/** Strings, ids and times: equality, substring, prefix/suffix and ordering. */
export const STRING_OPS = [
  '',
  '_not',
  '_contains',
  '_not_contains',
  '_starts_with',
  '_not_starts_with',
  '_ends_with',
  '_not_ends_with',
  '_lt',
  '_lte',
  '_gt',
  '_gte',
];

/** Numbers: equality and ordering. */
export const ORDER_OPS = ['', '_not', '_lt', '_lte', '_gt', '_gte'];

/** Any scalar: membership in a list. */
export const LIST_OPS = ['_in', '_not_in'];
