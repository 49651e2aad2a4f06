import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import { loadDevServerConfig } from './dev-server.js';

/** Task queue of workers and starters; HCI_TASK_QUEUE overrides it (parallel test runs, staging). */
export const TASK_QUEUE = process.env.HCI_TASK_QUEUE || 'hci-bringup';

export interface TemporalTarget {
  address: string;
  namespace: string;
  tls?: ConnectionOptions['tls'];
  apiKey?: string;
}

/**
 * Connection settings follow the Temporal CLI's environment variables so the same worker and
 * starter run against the dev server, a self-hosted cluster or Temporal Cloud. Without any,
 * the dev server of temporal-dev.yaml is the target.
 */
export function temporalTarget(env: NodeJS.ProcessEnv = process.env): TemporalTarget {
  const dev = loadDevServerConfig();
  const address = env.TEMPORAL_ADDRESS || `${dev.ip}:${dev.port}`;
  const namespace = env.TEMPORAL_NAMESPACE || dev.namespace;
  const certPath = env.TEMPORAL_TLS_CERT;
  const keyPath = env.TEMPORAL_TLS_KEY;
  const caPath = env.TEMPORAL_TLS_CA;
  const wantsTls = env.TEMPORAL_TLS === 'true' || Boolean(certPath || caPath || env.TEMPORAL_API_KEY);
  let tls: ConnectionOptions['tls'];
  if (wantsTls) {
    if (Boolean(certPath) !== Boolean(keyPath)) {
      throw new Error(
        'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be given together (client certificate and its key).',
      );
    }
    tls = {
      serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME || undefined,
      serverRootCACertificate: caPath ? readFileSync(caPath) : undefined,
      clientCertPair:
        certPath && keyPath ? { crt: readFileSync(certPath), key: readFileSync(keyPath) } : undefined,
    };
  }
  return { address, namespace, tls, apiKey: env.TEMPORAL_API_KEY || undefined };
}
