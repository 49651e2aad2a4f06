// The GraphQL documents seed 003 sends, verbatim, kept as the fixture seed-003/graphql-documents.json
// (the product's client carries the same documents in src/smartx/cloudtower-graphql-documents.ts; the
// product's tests check those validate against this simulator's schema). Do not edit the JSON.
import { readJsonFixture } from '../helpers/fixtures.js';

/** Operation name to document text, as seed 003 captured them. */
export const SEED_DOCUMENTS = readJsonFixture<Record<string, string>>('seed-003', 'graphql-documents.json');
