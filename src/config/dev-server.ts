import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** Project root, found from this file's place in src/ or dist/src/. */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      readFileSync(path.join(dir, 'temporal-dev.yaml'));
      return dir;
    } catch {
      dir = path.dirname(dir);
    }
  }
  throw new Error('temporal-dev.yaml not found above ' + fileURLToPath(import.meta.url));
})();

const searchAttributeType = z.enum(['Keyword', 'Text', 'Int', 'Double', 'Bool', 'Datetime', 'KeywordList']);

const devServerConfigSchema = z.object({
  ip: z.string().default('127.0.0.1'),
  port: z.number().int().min(1).max(65535),
  uiPort: z.number().int().min(1).max(65535),
  namespace: z.string().min(1),
  dbFile: z.string().min(1).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'never']).default('warn'),
  searchAttributes: z.record(z.string(), searchAttributeType).default({}),
});
type DevServerConfig = z.infer<typeof devServerConfigSchema>;

export function loadDevServerConfig(file = path.join(projectRoot, 'temporal-dev.yaml')): DevServerConfig {
  const parsed = devServerConfigSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`${file}: ${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Translates the YAML into `temporal server start-dev` flags (the CLI has no config file for it). */
export function startDevFlags(
  cfg: DevServerConfig,
  overrides: {
    port?: number;
    uiPort?: number;
    httpPort?: number;
    dbFile?: string | null;
    headless?: boolean;
  } = {},
): string[] {
  const flags = [
    'server',
    'start-dev',
    '--ip',
    cfg.ip,
    '--port',
    String(overrides.port ?? cfg.port),
    '--namespace',
    cfg.namespace,
    '--log-level',
    cfg.logLevel,
  ];
  // The HTTP API port otherwise defaults to a fixed offset of the frontend port, which collides
  // when several servers (parallel test runs) share the machine.
  if (overrides.httpPort) flags.push('--http-port', String(overrides.httpPort));
  if (overrides.headless) flags.push('--headless');
  else flags.push('--ui-port', String(overrides.uiPort ?? cfg.uiPort));
  const dbFile = overrides.dbFile === null ? undefined : (overrides.dbFile ?? cfg.dbFile);
  if (dbFile) flags.push('--db-filename', path.resolve(projectRoot, dbFile));
  for (const [name, type] of Object.entries(cfg.searchAttributes)) {
    flags.push('--search-attribute', `${name}=${type}`);
  }
  return flags;
}
