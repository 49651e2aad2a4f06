// The plan as the workflow carries it. No password crosses a Temporal payload, not even encrypted:
// each `Secret` of the plan becomes a `PlanSecret` reference (a stable name plus the workbook that
// holds it), and the worker resolves it at the moment a client needs the value
// (src/activities/support/secret-source.ts; docs/decisions.md "Secrets by reference").
import { Secret } from '../plan/secret.js';
import type { Plan } from '../plan/types.js';

/**
 * A password by reference. `secretRef` is a stable name: `plan:<path in the plan>` (hosts by host
 * name, e.g. `plan:hosts.node-1.bmc.password`, `plan:fisheye.password`,
 * `plan:cloudtower.rootPassword`) or `default:<appliance credential>` (DEFAULT_SECRET_REFS).
 * `workbook` is the planning workbook (on the worker's machine) a `plan:` name is read from.
 */
export interface PlanSecret {
  readonly secretRef: string;
  readonly workbook?: string;
}

export type RunPlanOf<T> = T extends Secret
  ? PlanSecret
  : T extends (infer U)[]
    ? RunPlanOf<U>[]
    : T extends object
      ? { [K in keyof T]: RunPlanOf<T[K]> }
      : T;

export type RunPlan = RunPlanOf<Plan>;

/** The appliances' factory credentials by name; the worker has their values (default-passwords.ts). */
export const DEFAULT_SECRET_REFS = {
  cloudtowerRoot: 'default:cloudtower-root',
  smtxHost: 'default:smtx-host',
  obsOperator: 'default:obs-operator',
} as const;

/** A reference to an appliance's factory credential. */
export function defaultSecret(name: keyof typeof DEFAULT_SECRET_REFS): PlanSecret {
  return { secretRef: DEFAULT_SECRET_REFS[name] };
}

/** The segment of an array element in a reference: its host name when it has one (stable), else its index. */
function segmentOf(item: unknown, index: number): string {
  const name = item && typeof item === 'object' && 'hostname' in item ? item.hostname : undefined;
  return typeof name === 'string' && name ? name : String(index);
}

/** Calls `visit` with the reference name of every `Secret` in `value`. */
function walk(value: unknown, at: string[], visit: (ref: string, secret: Secret) => void): void {
  if (value instanceof Secret) visit(`plan:${at.join('.')}`, value);
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...at, segmentOf(v, i)], visit));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) walk(v, [...at, k], visit);
  }
}

function toRefs(value: unknown, at: string[], workbook: string | undefined): unknown {
  if (value instanceof Secret) {
    const ref: PlanSecret = { secretRef: `plan:${at.join('.')}` };
    return workbook ? { ...ref, workbook } : ref;
  }
  if (Array.isArray(value)) return value.map((v, i) => toRefs(v, [...at, segmentOf(v, i)], workbook));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toRefs(v, [...at, k], workbook)]));
  }
  return value;
}

/** The plan with every password replaced by its reference into `workbook` (the file it was read from). */
export function toRunPlan(plan: Plan, workbook?: string): RunPlan {
  return toRefs(plan, [], workbook) as RunPlan;
}

/** Every password of a plan by reference name: what the worker resolves `plan:` references from. */
export function planSecretValues(plan: Plan): Map<string, string> {
  const out = new Map<string, string>();
  walk(plan, [], (ref, secret) => out.set(ref, secret.reveal()));
  return out;
}

/** Every password of a plan (with its `Secret`s), so tests can prove none of them reaches history. */
export function secretsOf(plan: Plan): string[] {
  return [...planSecretValues(plan).values()].filter((v) => v.length > 0);
}

/** True for a well-formed reference (a payload read back from history, a request of the service). */
export function isPlanSecret(value: unknown): value is PlanSecret {
  return (
    !!value &&
    typeof value === 'object' &&
    'secretRef' in value &&
    typeof value.secretRef === 'string' &&
    (!('workbook' in value) || value.workbook === undefined || typeof value.workbook === 'string')
  );
}

/**
 * Passwords that runs started before secrets travelled by reference carried in their input
 * (`{ secretValue }`): the report blanks them should any text of such a history quote one.
 */
export function legacySecretValuesOf(value: unknown, out: string[] = []): string[] {
  if (value && typeof value === 'object') {
    if ('secretValue' in value && typeof value.secretValue === 'string') out.push(value.secretValue);
    else for (const v of Object.values(value)) legacySecretValuesOf(v, out);
  }
  return out;
}
