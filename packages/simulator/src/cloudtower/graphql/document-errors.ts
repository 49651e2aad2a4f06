// Whether a client's GraphQL document would be accepted by the simulated CloudTower, without a server:
// the product's tests check every document its client sends against this schema.
import { GraphQLError, parse, validate } from 'graphql';
import { towerSchema } from './schema.js';

/** The parse or validation errors of `document` against the simulated CloudTower schema (none: valid). */
export function cloudTowerDocumentErrors(document: string): string[] {
  try {
    return validate(towerSchema(), parse(document)).map((e) => e.message);
  } catch (err) {
    if (err instanceof GraphQLError) return [err.message];
    throw err;
  }
}
