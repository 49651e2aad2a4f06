// Redaction of anything that might end up in an error message or a log line. Error messages of this
// package are built from method, path, plan address, status and the remote message only; the remote
// message (server text we do not control) passes through `redactText` first, because servers echo
// request fields back.

/** Replaces values of sensitive-looking fields, cookies, bearer/basic credentials and JWTs in free text. */
export function redactText(text: string, extraSecrets: readonly string[] = []): string {
  let out = text;
  for (const secret of extraSecrets) {
    if (secret.length >= 3) out = out.split(secret).join('[redacted]');
  }
  out = out
    // Credentials with a scheme word first, so that the key rule below does not stop at the scheme.
    .replace(/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._-]+/g, '$1 [redacted]')
    // "password":"x", 'token': 'x', password=x
    .replace(
      /(["']?)([A-Za-z_.-]*(?:pass(?:word)?|passwd|secret|token|cookie|authorization|connect\.sid)[A-Za-z_.-]*)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}]+)/gi,
      '$1$2$1$3"[redacted]"',
    )
    .replace(/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, '[redacted-jwt]')
    .replace(/connect\.sid=[^;\s]+/g, 'connect.sid=[redacted]');
  return out;
}
