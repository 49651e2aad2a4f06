// Passwords of activity tests travel as the run's do: by reference. The value is given to this test
// process (the worker side), the request carries only the name.
import { createHash } from 'node:crypto';
import { defineSecret } from '../../src/activities/support/secret-source.js';
import type { PlanSecret } from '../../src/run/run-plan.js';

/** A reference whose value, in this process, is `value` (the name is derived, never the value). */
export function testSecret(value: string): PlanSecret {
  const name = createHash('sha256').update(value).digest('hex').slice(0, 12);
  return defineSecret(`test:${name}`, value);
}
