// Failure types that retrying cannot fix (wrong input, credentials, a missing file or mapping,
// a remote rejection, a failed precheck). Mirrors NON_RETRYABLE of src/activities/support/failures.ts,
// which workflow code cannot import (it pulls in Node modules).
export const NON_RETRYABLE_FAILURES = [
  'InvalidInput',
  'AuthenticationFailed',
  'EndpointNotMapped',
  'PrecheckFailed',
  'RemoteRejected',
  'MissingFile',
];
