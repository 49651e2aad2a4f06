// The only way for a client in this package to obtain an address to connect to.
//
// In tests, the demo, benchmarks and rehearsals the plan's addresses (10.0.x.x) are translated through
// the endpoint map that the simulator writes (format: docs/endpoint-map.md). The resolver fails closed:
// an address or port missing from the map is an error, never a connection, and every map target must be
// a loopback address. `EndpointResolver.direct()` exists for the operator on site (`--direct`); tests
// never construct it.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

interface ResolvedEndpoint {
  host: string;
  port: number;
}

/**
 * An address or port the endpoint map does not contain: the resolver refuses to guess. `reason` says
 * which: the address has no entry at all, or it has one without this port.
 */
export class EndpointNotMapped extends Error {
  override readonly name = 'EndpointNotMapped';
  constructor(
    readonly address: string,
    readonly port: number,
    readonly mapSource: string,
    readonly reason: 'address' | 'port',
  ) {
    const detail = reason === 'address' ? 'address not mapped' : `port ${port} not mapped for this address`;
    super(`${address}:${port} is not in the endpoint map ${mapSource} (${detail}); refusing to connect`);
  }
}

/** The endpoint map file is unreadable, malformed, or points somewhere other than loopback. */
export class EndpointMapInvalid extends Error {
  override readonly name = 'EndpointMapInvalid';
  constructor(
    readonly mapSource: string,
    detail: string,
  ) {
    super(`endpoint map ${mapSource} is invalid: ${detail}`);
  }
}

/** True for 127.0.0.0/8 and ::1 (also in their IPv4-mapped form), the only targets tests may use. */
export function isLoopback(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  // The WHATWG URL parser compresses any spelling of ::1 (0:0:0:0:0:0:0:1, ::0001) to `[::1]`.
  if (isIP(ip) === 6) return new URL(`http://[${ip}]/`).hostname === '[::1]';
  return false;
}

const portNumber = z.coerce.number().int().min(1).max(65535);

const endpointMapSchema = z.object({
  version: z.literal(1),
  generatedBy: z.string().optional(),
  admin: z.string().optional(),
  endpoints: z.record(
    z.string().refine((k) => isIP(k) === 4, { message: 'keys must be IPv4 addresses of the plan' }),
    z.object({
      host: z.string().refine(isLoopback, { message: 'target host must be loopback (127.0.0.0/8 or ::1)' }),
      ports: z.record(z.string().regex(/^\d+$/, { message: 'port keys must be numbers' }), portNumber),
    }),
  ),
});

export type EndpointMap = z.infer<typeof endpointMapSchema>;

type Mode = { kind: 'map'; map: EndpointMap; source: string } | { kind: 'direct' };

export class EndpointResolver {
  private constructor(private readonly mode: Mode) {}

  /** Reads and validates a map file written by the simulator (`--endpoints-out`). */
  static fromFile(path: string): EndpointResolver {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new EndpointMapInvalid(
        path,
        `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new EndpointMapInvalid(path, 'not JSON');
    }
    return EndpointResolver.fromMap(json, path);
  }

  /** Validates an already parsed map; `source` names it in errors. */
  static fromMap(value: unknown, source = '<in-memory map>'): EndpointResolver {
    const parsed = endpointMapSchema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '<root>'}: ${i.message}`);
      throw new EndpointMapInvalid(source, issues.join('; '));
    }
    return new EndpointResolver({ kind: 'map', map: parsed.data, source });
  }

  /**
   * On-site mode: every address is used as it is. Only the operator's `--direct` switch builds this;
   * no test, demo or benchmark ever does, because it would send traffic to real addresses.
   */
  static direct(): EndpointResolver {
    return new EndpointResolver({ kind: 'direct' });
  }

  get isDirect(): boolean {
    return this.mode.kind === 'direct';
  }

  /** Where the map came from (file path), or `direct`. */
  get source(): string {
    return this.mode.kind === 'direct' ? 'direct' : this.mode.source;
  }

  /** The simulator's admin endpoint from the map, when present. */
  get admin(): string | undefined {
    return this.mode.kind === 'map' ? this.mode.map.admin : undefined;
  }

  /** Whether resolve() answers for it: the CLI checks every address of a run before it starts. */
  maps(address: string, port: number): boolean {
    try {
      this.resolve(address, port);
      return true;
    } catch {
      return false;
    }
  }

  resolve(address: string, port: number): ResolvedEndpoint {
    if (this.mode.kind === 'direct') return { host: address, port };
    const entry = Object.hasOwn(this.mode.map.endpoints, address)
      ? this.mode.map.endpoints[address]
      : undefined;
    if (!entry) throw new EndpointNotMapped(address, port, this.mode.source, 'address');
    const key = String(port);
    const target = Object.hasOwn(entry.ports, key) ? entry.ports[key] : undefined;
    if (target === undefined) throw new EndpointNotMapped(address, port, this.mode.source, 'port');
    // Validated at load time already; checked again so that no code path can ever leave loopback.
    if (!isLoopback(entry.host))
      throw new EndpointMapInvalid(this.mode.source, `${address} maps to non-loopback`);
    return { host: entry.host, port: target };
  }
}
