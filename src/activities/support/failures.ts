import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { FailureType } from '../../run/failure-types.js';
import { EndpointMapInvalid, EndpointNotMapped, SmartxHttpError, SshError } from '../../smartx/index.js';
import { marker, type MessageKey } from '../../i18n/index.js';

export { FailureType, NON_RETRYABLE_FAILURES } from '../../run/failure-types.js';

/**
 * The English message with the catalogue marker of what it says (src/i18n/coded.ts): the Web UI and
 * logs read the English, the CLI and the report render the key in the operator's language. The
 * parameters are the step's code name and the client's error text, which never holds a secret
 * (smartx/redact.ts); the English keeps its wording ("retried automatically"), which the workflows
 * reword once retries end.
 */
const withCode = (english: string, key: MessageKey, step: string, detail: string) =>
  withMarker(english, { key, params: { detail } }, step);

/** A catalogue entry a failure is said with: its key and parameters besides the step. */
export interface CodedFailure {
  key: MessageKey;
  params?: Record<string, string>;
}

/** `english` followed by the marker of `coded`, the step named as the catalogue names it. */
function withMarker(english: string, coded: CodedFailure, step = english): string {
  return `${english} ${marker(coded.key, { step: codeName(step), ...coded.params })}`;
}

/**
 * The step as the catalogue names it: the running activity's type (`uploadObsPackage`, which
 * src/i18n/names.ts says in words) rather than the free English text a call site gives.
 */
function codeName(step: string): string {
  try {
    return Context.current().info.activityType;
  } catch {
    return step; // not inside an activity (a direct call in a test)
  }
}

const HTTP_KIND_KEYS = {
  auth: 'detail.httpKind.auth',
  'not-found': 'detail.httpKind.notFound',
  conflict: 'detail.httpKind.conflict',
  'bad-request': 'detail.httpKind.badRequest',
  remote: 'detail.httpKind.remote',
  protocol: 'detail.httpKind.protocol',
  server: 'detail.httpKind.server',
  network: 'detail.httpKind.network',
} as const satisfies Record<SmartxHttpError['kind'], MessageKey>;

/**
 * A client error as a catalogue message: the kind in words, the endpoint, and the appliance's own
 * answer (status, ec, network code, its message quoted as `remote: …`) as it came.
 */
function httpDetail(err: SmartxHttpError): string {
  const answer = [
    err.status !== undefined ? `HTTP ${err.status}` : undefined,
    err.ec ? `ec=${err.ec}` : undefined,
    err.code,
    err.remoteMessage ? `remote: ${err.remoteMessage}` : undefined,
  ].filter((p): p is string => !!p);
  return marker(answer.length ? 'detail.http' : 'detail.httpBare', {
    kind: marker(HTTP_KIND_KEYS[err.kind]),
    endpoint: err.endpoint,
    answer: answer.join(', '),
  });
}

/** Steps that send a file: a rejection there is about the file, not about the workbook's values. */
const isUpload = (step: string) => /^upload/i.test(codeName(step));

/** Turns any error of a remote step into a failure that names the step, endpoint, answer and a fix. */
export function describeFailure(step: string, err: unknown): ApplicationFailure {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof EndpointNotMapped || err instanceof EndpointMapInvalid) {
    return ApplicationFailure.create({
      type: FailureType.notMapped,
      nonRetryable: true,
      message: withCode(
        `${step}: ${err.message}. Fix: add the address to the endpoint map (or use --direct on site).`,
        'failure.notMapped',
        step,
        err.message,
      ),
    });
  }
  if (err instanceof SmartxHttpError) {
    const type =
      err.kind === 'auth'
        ? FailureType.auth
        : err.retryable
          ? FailureType.transient
          : FailureType.remoteRejected;
    const upload = isUpload(step);
    const hint =
      err.kind === 'auth'
        ? 'check the credentials in the workbook'
        : err.retryable
          ? 'the appliance is busy or unreachable; the step is retried automatically'
          : upload
            ? 'the appliance refused the upload; check that the package file is complete and made for this appliance version (its answer says why), then retry'
            : 'the appliance rejected the request; check the workbook values it was built from';
    const key: MessageKey =
      err.kind === 'auth'
        ? 'failure.http.auth'
        : err.retryable
          ? 'failure.http.busy'
          : upload
            ? 'failure.http.uploadRejected'
            : 'failure.http.rejected';
    return ApplicationFailure.create({
      type,
      nonRetryable: !err.retryable,
      message: withCode(`${step}: ${err.message}. Fix: ${hint}.`, key, step, httpDetail(err)),
    });
  }
  if (err instanceof SshError) {
    const auth = err.kind === 'auth';
    return ApplicationFailure.create({
      type: auth ? FailureType.auth : FailureType.transient,
      nonRetryable: !err.retryable,
      message: withCode(
        `${step}: ${err.message}${auth ? '. Fix: check the SSH user and password in the workbook.' : ''}`,
        auth ? 'failure.ssh.auth' : 'failure.ssh',
        step,
        err.message,
      ),
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return ApplicationFailure.create({
    type: FailureType.transient,
    message: withCode(`${step}: ${message}`, 'failure.other', step, message),
  });
}

/**
 * Runs the body of an activity and converts whatever it throws with describeFailure. A
 * cancellation (the workflow or the operator cancelled, or the worker is shutting down) stays a
 * cancellation: turning it into a retryable failure would keep a cancelled step alive.
 */
export async function remoteStep<T>(step: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CancelledFailure) throw err;
    throw describeFailure(step, err);
  }
}

// Named constructors, one per failure type an activity raises itself (describeFailure covers errors
// of the clients): the type decides retryable or not, so a call site cannot pair them wrongly.
// The message is best made with `coded(key, params)` (src/i18n): English plus the catalogue marker,
// so the operator reads it in zh or en. A plain string still works and is shown as it is.

/** The workbook gives a value that cannot work (non-retryable). */
export function invalidInput(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.invalidInput, nonRetryable: true, message });
}

/** The appliance refuses the credentials (non-retryable). */
export function authFailed(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.auth, nonRetryable: true, message });
}

/** What the step needs is not there (a cluster, a VDS, a service): the operator acts (non-retryable). */
export function precheckFailed(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.precheck, nonRetryable: true, message });
}

/** The appliance rejected the request or answered what cannot be right (non-retryable). */
export function remoteRejected(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.remoteRejected, nonRetryable: true, message });
}

/** A local file (ISO, package) is missing (non-retryable). */
export function missingFile(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: FailureType.missingFile, nonRetryable: true, message });
}

/**
 * A remote job or task failed: retried (the next attempt may succeed), unless `final` says the
 * appliance's state needs the operator first.
 */
export function remoteJobFailed(message: string, options: { final?: boolean } = {}): ApplicationFailure {
  return ApplicationFailure.create({
    type: FailureType.remoteFailed,
    nonRetryable: !!options.final,
    message,
  });
}

/** The appliance did not get there in time (retried); `coded` as for `transient`. */
export function remoteTimeout(message: string, coded?: CodedFailure, step = message): ApplicationFailure {
  if (coded) message = withMarker(message, coded, step);
  return ApplicationFailure.create({ type: FailureType.timeout, message });
}

/**
 * A poll's time bound passed (retried). `what` is the English the Web UI and logs show; the operator
 * reads the step's name and, for an appliance job, its id and address.
 */
export function pollTimedOut(
  what: string,
  seconds: number,
  job?: { id: string; address: string },
): ApplicationFailure {
  return remoteTimeout(
    `${what}: still not done after ${seconds} s`,
    job
      ? { key: 'failure.jobTimeout', params: { seconds: String(seconds), job: job.id, address: job.address } }
      : { key: 'failure.pollTimeout', params: { seconds: String(seconds) } },
    what,
  );
}

/**
 * Not there yet, or a hiccup: retried. With `coded`, the operator reads the catalogue's words for it
 * (the running step's name and `params`), the Web UI and log the English `message`.
 */
export function transient(message: string, coded?: CodedFailure): ApplicationFailure {
  if (coded) message = withMarker(message, coded);
  return ApplicationFailure.create({ type: FailureType.transient, message });
}
