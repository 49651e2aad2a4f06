import { statSync } from 'node:fs';
import { EndpointResolver, SecretValue, type SecretLike } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import type { PlanSecret } from '../../run/run-plan.js';
import { resolveSecret } from './secret-source.js';

const cache = new Map<string, { mtimeMs: number; resolver: EndpointResolver }>();

/**
 * The resolver of a run: the endpoint map (fail closed) or, only when the operator chose
 * `--direct` on site, the plan's addresses as they are. The map is re-read when the file changes
 * (a restarted simulator writes a new one).
 */
export function resolverFor(run: RunContext): EndpointResolver {
  if (run.connect.mode === 'direct') return EndpointResolver.direct();
  const file = run.connect.endpointMapFile;
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.resolver;
  const resolver = EndpointResolver.fromFile(file);
  cache.set(file, { mtimeMs, resolver });
  return resolver;
}

/**
 * A password reference as the clients take it: resolved on this worker now (secret-source.ts),
 * printable only as `[redacted]`.
 */
export function secret(value: PlanSecret): SecretLike {
  return new SecretValue(resolveSecret(value));
}
