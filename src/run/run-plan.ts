// The plan as the workflow carries it. A `Secret` cannot cross a Temporal payload (its JSON is the
// mask, by design), so passwords travel as `PlanSecret` objects inside payloads that the AES-GCM
// codec encrypts; they are turned back into strings only at the moment a client needs them.
import { Secret } from '../plan/secret.js';
import type { Plan } from '../plan/types.js';

export interface PlanSecret {
  readonly secretValue: string;
}

export type RunPlanOf<T> = T extends Secret
  ? PlanSecret
  : T extends (infer U)[]
    ? RunPlanOf<U>[]
    : T extends object
      ? { [K in keyof T]: RunPlanOf<T[K]> }
      : T;

export type RunPlan = RunPlanOf<Plan>;

function unwrap(value: unknown): unknown {
  if (value instanceof Secret) return { secretValue: value.reveal() } satisfies PlanSecret;
  if (Array.isArray(value)) return value.map(unwrap);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrap(v)]));
  }
  return value;
}

export function toRunPlan(plan: Plan): RunPlan {
  return unwrap(plan) as RunPlan;
}

export function reveal(secret: PlanSecret): string {
  return secret.secretValue;
}

/** Every password of a run plan, so tests can prove none of them reaches history in clear. */
export function secretsOf(value: unknown, out: string[] = []): string[] {
  if (value && typeof value === 'object') {
    if ('secretValue' in value && typeof value.secretValue === 'string') out.push(value.secretValue);
    else for (const v of Object.values(value)) secretsOf(v, out);
  }
  return out;
}
