// `npm run test:k8s`: the Kubernetes deployer's tests (k8s/*.test.ts) against a real control plane.
// Starts a throwaway control plane (etcd, kube-apiserver, controller manager, scheduler, kwok fake
// nodes; scripts/lib/kube-control-plane.ts) in a scratch directory, a scratch Temporal dev server and
// the workflow bundle, runs the files one after another with `node --test`, and stops everything at
// the end, also on failure or Ctrl-C. Not part of `npm test`: the normal tiers need no Kubernetes.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { projectRoot } from '../src/config/dev-server.js';
import { workflowsPath } from '../src/worker-factory.js';
import { startScratchDevServer, type RunningDevServer } from './lib/dev-server.js';
import { startControlPlane, stopControlPlane } from './lib/kube-control-plane.js';

const filters = process.argv.slice(2);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hci-k8s-test-'));
const k8sDir = path.join(scratch, 'k8s');
let server: RunningDevServer | undefined;
let controlPlane = false;

async function cleanup() {
  await server?.stop().catch(() => undefined);
  if (controlPlane) await stopControlPlane(k8sDir, () => undefined).catch(() => undefined);
  if (!process.env.HCI_K8S_KEEP) rmSync(scratch, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.once(sig, () => void cleanup().then(() => process.exit(130)));

let code = 1;
try {
  const started = Date.now();
  const [cp, dev, bundle] = await Promise.all([
    startControlPlane({ dir: k8sDir, nodes: 3 }).then((s) => {
      controlPlane = true;
      return s;
    }),
    startScratchDevServer(path.join(scratch, 'temporal-dev-server.log')).then((s) => (server = s)),
    bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') }),
  ]);
  const bundlePath = path.join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  console.log(
    `[test:k8s] control plane ${cp.server}, Temporal ${dev.address}, ready in ${Math.round((Date.now() - started) / 1000)} s`,
  );
  const dir = path.join(projectRoot, 'dist', 'k8s');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
    .sort()
    .map((f) => path.join(dir, f));
  code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', ...files], {
      stdio: 'inherit',
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: dev.address,
        TEMPORAL_NAMESPACE: dev.namespace,
        HCI_TEST_WORKFLOW_BUNDLE: bundlePath,
        HCI_WORKFLOW_BUNDLE: bundlePath,
        HCI_TEST_SCRATCH: scratch,
        HCI_PAYLOAD_KEY: '',
        HCI_PAYLOAD_KEY_FILE: '',
        KUBECONFIG: cp.kubeconfig,
        HCI_K8S_SERVER: cp.server,
      },
    });
    child.once('exit', (c) => resolve(c ?? 1));
  });
} catch (err) {
  console.error(`[test:k8s] ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await cleanup();
}
process.exit(code);
