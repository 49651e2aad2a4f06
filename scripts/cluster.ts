// `npm run cluster`: a self-hosted Temporal cluster on this machine (two server nodes on PostgreSQL,
// docs/sites.md "A real Temporal cluster"), in the foreground: Ctrl+C stops it all. `npm run cluster
// -- stop` stops what a cluster started from this checkout left behind (its state file names the
// processes and the database).
import path from 'node:path';
import { projectRoot } from '../src/config/dev-server.js';
import { temporalCliPath } from './lib/dev-server.js';
import { startTemporalCluster, stopLeftoverCluster } from './lib/temporal-cluster.js';

const dir = path.join(projectRoot, '.cluster');
const log = (line: string) => console.log(line);

if (process.argv[2] === 'stop') {
  if (!stopLeftoverCluster(dir, log)) log('[cluster] nothing to stop');
} else {
  const cluster = await startTemporalCluster({ dir, cli: temporalCliPath(), log });
  console.log(
    `Temporal cluster: TEMPORAL_ADDRESS=${cluster.address} (nodes ${cluster.frontends.join(', ')})`,
  );
  console.log(
    `Namespace ${cluster.namespace}; PostgreSQL on 127.0.0.1:${cluster.postgresPort}; logs in ${dir}`,
  );
  console.log('Press Ctrl+C to stop.');
  // A second signal (Ctrl+C twice, or `timeout` passing its own on) must not cut the stop short.
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void cluster.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
