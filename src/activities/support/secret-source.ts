// Where the worker finds the value of a secret reference (PlanSecret). Payloads carry only names;
// the values live on the worker's machine: the secrets file or environment given to the worker,
// the planning workbook the reference names, or the appliances' published defaults. See
// docs/decisions.md "Secrets by reference" for the order and the formats.
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { loadPlan } from '../../plan/load-plan.js';
import { DEFAULT_SECRET_REFS, isPlanSecret, planSecretValues, type PlanSecret } from '../../run/run-plan.js';
import {
  CLOUDTOWER_FACTORY_ROOT_PASSWORD,
  OBS_OPERATOR_PASSWORD,
  SMTX_DEFAULT_PASSWORD,
} from '../../smartx/default-passwords.js';
import { invalidInput } from './failures.js';
import { codedBoth } from '../../i18n/index.js';

const DEFAULTS: Record<string, string> = {
  [DEFAULT_SECRET_REFS.cloudtowerRoot]: CLOUDTOWER_FACTORY_ROOT_PASSWORD,
  [DEFAULT_SECRET_REFS.smtxHost]: SMTX_DEFAULT_PASSWORD,
  [DEFAULT_SECRET_REFS.obsOperator]: OBS_OPERATOR_PASSWORD,
};

/** HCI_SECRETS_FILE: a JSON object of reference name → value (e.g. {"plan:fisheye.password": "…"}). */
const SecretsFile = z.record(z.string().min(1), z.string());

/** The environment variable that may hold a reference's value: HCI_SECRET_ + the name in capitals, `_` for the rest. */
export function secretEnvName(ref: string): string {
  return `HCI_SECRET_${ref.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

interface Cached<T> {
  version: string;
  value: T;
}

const secretsFiles = new Map<string, Cached<Record<string, string>>>();
/** Workbooks read on this worker, re-read when the file changes (serials are written back into it). */
const workbooks = new Map<string, Cached<Map<string, string>> | { version: string; error: string }>();
/** Values given to this process directly (an embedding program, tests): never persisted. */
const inProcess = new Map<string, string>();

/** Makes `value` the answer to `ref` in this process (it still travels by name only). */
export function defineSecret(ref: string, value: string): PlanSecret {
  inProcess.set(ref, value);
  return { secretRef: ref };
}

/** What says a file changed: its mtime and size together (two writes within one mtime tick differ in size). */
const versionOf = (file: string): string => {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? `${st.mtimeMs}:${st.size}` : 'missing';
};

function fromSecretsFile(ref: string, env: NodeJS.ProcessEnv): string | undefined {
  const file = env.HCI_SECRETS_FILE;
  if (!file) return undefined;
  const version = versionOf(file);
  let hit = secretsFiles.get(file);
  if (!hit || hit.version !== version) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/\s+/g, ' ').slice(0, 120) : String(err);
      throw invalidInput(codedBoth('failure.secretsFileUnreadable', { file, why }));
    }
    const checked = SecretsFile.safeParse(parsed);
    if (!checked.success) {
      throw invalidInput(codedBoth('failure.secretsFileInvalid', { file }));
    }
    hit = { version, value: checked.data };
    secretsFiles.set(file, hit);
  }
  return hit.value[ref];
}

/** Reads (or re-reads, when it changed) the workbook a reference names; problems are kept for the message. */
async function loadWorkbookSecrets(file: string): Promise<void> {
  const version = versionOf(file);
  const hit = workbooks.get(file);
  if (hit && hit.version === version) return;
  try {
    const loaded = await loadPlan(file);
    if (!loaded.plan) {
      workbooks.set(file, { version, error: 'the workbook no longer validates (npx hci-bringup validate)' });
      return;
    }
    workbooks.set(file, { version, value: planSecretValues(loaded.plan) });
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/\s+/g, ' ').slice(0, 160) : String(err);
    workbooks.set(file, { version, error: why });
  }
}

/** Every reference found in `value` (an activity's arguments). */
function refsIn(value: unknown, out: PlanSecret[] = []): PlanSecret[] {
  if (isPlanSecret(value)) out.push(value);
  else if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) refsIn(v, out);
  return out;
}

/**
 * Reads the workbooks the references in `args` name, so that resolveSecret can answer synchronously
 * when a client asks. The worker's activity interceptor calls it before every activity.
 */
export async function preloadSecrets(args: unknown): Promise<void> {
  const files = new Set(refsIn(args).flatMap((r) => (r.workbook ? [r.workbook] : [])));
  for (const file of files) await loadWorkbookSecrets(file);
}

/**
 * The value of a reference, on the worker: the environment (HCI_SECRET_<NAME>), the secrets file
 * (HCI_SECRETS_FILE), values given in process, the workbook the reference names, the appliances'
 * defaults. A reference none of them answers fails non-retryably, naming the reference, never a value.
 */
export function resolveSecret(secret: PlanSecret, env: NodeJS.ProcessEnv = process.env): string {
  if (!isPlanSecret(secret)) {
    throw invalidInput(codedBoth('failure.secretNotReference'));
  }
  const ref = secret.secretRef;
  const fromEnv = env[secretEnvName(ref)];
  if (fromEnv !== undefined) return fromEnv;
  const fromFile = fromSecretsFile(ref, env);
  if (fromFile !== undefined) return fromFile;
  const given = inProcess.get(ref);
  if (given !== undefined) return given;
  let why = 'no source of this worker holds it';
  if (secret.workbook) {
    const book = workbooks.get(secret.workbook);
    if (book && 'value' in book) {
      const value = book.value.get(ref);
      if (value !== undefined) return value;
      why = `the workbook ${secret.workbook} has no such password`;
    } else {
      why = book
        ? `the workbook ${secret.workbook} cannot be read on this worker: ${book.error}`
        : `the workbook ${secret.workbook} was not read on this worker`;
    }
  }
  const fallback = DEFAULTS[ref];
  if (fallback !== undefined) return fallback;
  throw invalidInput(
    codedBoth('failure.secretUnresolved', {
      ref,
      why,
      workbook: secret.workbook ?? '(the path the run names)',
      envName: secretEnvName(ref),
    }),
  );
}
