// `npm run temporal`: the dev server with exactly the settings of temporal-dev.yaml, in the foreground.
import path from 'node:path';
import { loadDevServerConfig, projectRoot } from '../src/config/dev-server.js';
import { startDevServer } from './lib/dev-server.js';

const cfg = loadDevServerConfig();
const server = await startDevServer();
console.log(`Temporal dev server: ${server.address} (namespace ${server.namespace})`);
console.log(`Web UI: ${server.uiUrl ?? '(headless)'}`);
if (cfg.dbFile) console.log(`Runs are kept in ${path.resolve(projectRoot, cfg.dbFile)}`);
console.log('Press Ctrl+C to stop.');
const shutdown = () => void server.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
server.child.once('exit', (code) => process.exit(code ?? 1));
