// Failure types shared by activities (which raise them) and workflows (whose retry policies list the
// non-retryable ones). Pure data: workflow code imports it, so it must not pull in Node modules.

/** Every failure type an activity raises. */
export const FailureType = {
  invalidInput: 'InvalidInput',
  auth: 'AuthenticationFailed',
  notMapped: 'EndpointNotMapped',
  precheck: 'PrecheckFailed',
  remoteRejected: 'RemoteRejected',
  remoteFailed: 'RemoteJobFailed',
  missingFile: 'MissingFile',
  timeout: 'RemoteTimeout',
  transient: 'Transient',
} as const;

export type FailureTypeName = (typeof FailureType)[keyof typeof FailureType];

/**
 * Types that retrying cannot fix: wrong input, credentials, a missing file or mapping, a remote
 * rejection, a failed precheck. Every retry policy lists them as non-retryable.
 */
export const NON_RETRYABLE_FAILURES: FailureTypeName[] = [
  FailureType.invalidInput,
  FailureType.auth,
  FailureType.notMapped,
  FailureType.precheck,
  FailureType.remoteRejected,
  FailureType.missingFile,
];
