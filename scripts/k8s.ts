// `npm run k8s [-- start|stop|status]`: the local Kubernetes control plane of the Kubernetes deployer
// (scripts/lib/kube-control-plane.ts). `start` returns once the fake nodes are Ready and prints the
// kubeconfig to use (`export KUBECONFIG=…`); `stop` ends every process it started.
import { controlPlaneDir, readState, startControlPlane, stopControlPlane } from './lib/kube-control-plane.js';

const command = process.argv[2] ?? 'start';
try {
  if (command === 'start') {
    const nodes = Number(process.env.HCI_K8S_NODES ?? 3);
    const state = await startControlPlane({ nodes });
    console.log(`export KUBECONFIG=${state.kubeconfig}`);
  } else if (command === 'stop') {
    await stopControlPlane();
  } else if (command === 'status') {
    const state = readState();
    if (!state) {
      console.log(`not running (nothing recorded in ${controlPlaneDir()})`);
      process.exitCode = 1;
    } else console.log(JSON.stringify(state, null, 2));
  } else {
    console.error('usage: npm run k8s -- [start|stop|status]');
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`[k8s] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
