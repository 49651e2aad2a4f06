// DNS rebinding: a web page on an attacker's domain can point that domain at 127.0.0.1 and then talk
// to a loopback service from the operator's own browser. Every such request carries the attacker's
// name in `Host`, so a loopback service answers only requests addressed to an IP literal, `localhost`
// or a name the operator allowed (`--allowed-host`). No name of ours is ever resolved here.
import net from 'node:net';

/** The host part of a `Host` header (`[::1]:8080` → `::1`, `Example.com.` → `example.com`), or undefined. */
export function hostOfHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const h = header.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(h);
  if (bracketed) return bracketed[1];
  const m = /^([^:]+)(?::\d+)?$/.exec(h);
  return m ? m[1].replace(/\.$/, '') : undefined;
}

/** Whether a request with this `Host` may be answered: an IP literal, localhost, or an allowed name. */
export function hostHeaderAllowed(header: string | undefined, allowedNames: readonly string[] = []): boolean {
  const host = hostOfHeader(header);
  if (!host) return false;
  if (net.isIP(host) !== 0 || host === 'localhost') return true;
  return allowedNames.some((name) => name.trim().toLowerCase().replace(/\.$/, '') === host);
}

/** `--allowed-host a,b` → ['a', 'b']. */
export function allowedHostList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
