// Body rules of the SMTX v2 APIs (Fisheye v2 and the deployment API). Nothing public says what
// framework serves them or what it does with a key it does not know, so unknown keys are served and
// marked `lenient`; a field is refused only where a seed line or a capture shows it with its JSON
// type (one refusal row each, docs/simulator-strictness.md).
import type { RequestRules, Source } from '../core/evidence.js';

export function v2Rules(...refusals: { message: string; source: Source }[]): RequestRules {
  return {
    body: 'json',
    unknownKeys: 'lenient',
    refusals: refusals.map((r) => ({ status: 400, ...r })),
  };
}

/** The usual first row: a field missing or of another JSON type than the seed shows. */
export const typed = (source: Source) => ({
  message: 'EINVALID_ARGUMENT <field>: expected <type>',
  source,
});
