// Bearer-token check of every request when HCI_API_TOKEN is set. Both sides are hashed first, so
// the comparison is constant-time whatever the lengths (timingSafeEqual needs equal lengths).
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export function authorized(header: string | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const m = /^Bearer (.+)$/.exec(header ?? '');
  const given = digest(m ? m[1] : '');
  // Computed even without a header, so a missing header costs the same time as a wrong one.
  return timingSafeEqual(given, digest(token)) && m !== null;
}
