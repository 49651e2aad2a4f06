// Bad input to the Kubernetes deployer is refused before anything starts, with the field at fault
// and the fix: an unknown namespace, a manifest the API server refuses, an unreachable API server,
// an unknown context, a missing image. Nothing is created in the cluster by any of them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { freePort } from '../scripts/lib/dev-server.js';
import { uniqueTaskQueue } from '../test/helpers/temporal.js';
import { cli, createNamespace, deployArgs, expectCode, kube, kubeconfigPath } from './support.js';

const NS = 'bad-input';

describe('Kubernetes deployer: bad input', { timeout: 180_000 }, () => {
  before(async () => {
    // No worker listens here: whatever reached Temporal would never run, and the tests would hang.
    process.env.HCI_TASK_QUEUE = uniqueTaskQueue('k8s-bad');
    await createNamespace(NS);
  });

  it('names an unknown namespace and how to create it', async () => {
    const r = await cli(
      deployArgs({ namespace: 'no-such-ns', id: 'bad-ns', image: 'example.invalid/web:v1' }),
    );
    expectCode(r, 2);
    assert.match(r.stderr, /--namespace no-such-ns: no such namespace on https:\/\/127\.0\.0\.1:\d+/);
    assert.match(
      r.stderr,
      /Fix: create it \(kubectl create namespace no-such-ns\) or choose an existing one/,
    );
    // The operator's default language is Chinese, from the same catalogue entry.
    const zh = await cli(
      deployArgs({ namespace: 'no-such-ns', id: 'bad-ns', image: 'example.invalid/web:v1' }).filter(
        (a, i, all) => a !== '--lang' && all[i - 1] !== '--lang',
      ),
    );
    expectCode(zh, 2);
    assert.match(
      zh.stderr,
      /--namespace no-such-ns: .* 上没有这个命名空间。修复: 先创建（kubectl create namespace no-such-ns）/,
    );
  });

  it('names the fields of a manifest the API server refuses', async () => {
    const r = await cli(
      deployArgs({
        namespace: NS,
        id: 'bad-strategy',
        image: 'example.invalid/web:v1',
        extra: ['--max-surge', '0', '--max-unavailable', '0'],
      }),
    );
    expectCode(r, 2);
    assert.match(
      r.stderr,
      /the API server refused the Deployment web: spec\.strategy\.rollingUpdate\.maxUnavailable: .*may not be 0 when `maxSurge` is 0/,
    );
    assert.match(r.stderr, /Fix: correct --max-surge \/ --max-unavailable/);
    const mem = await cli(
      deployArgs({
        namespace: NS,
        id: 'bad-memory',
        image: 'example.invalid/web:v1',
        extra: ['--memory-request', '2Gi', '--memory-limit', '1Gi'],
      }),
    );
    expectCode(mem, 2);
    assert.match(
      mem.stderr,
      /refused the Deployment web: spec\.template\.spec\.containers\[0\]\.resources\.requests: .*must be less than or equal to memory limit/,
    );
    assert.match(mem.stderr, /Fix: correct --cpu-request \/ --memory-request/);
  });

  it('names an unreachable API server, the kubeconfig it came from and the fix', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'k8s-bad-'));
    const port = await freePort();
    const file = path.join(dir, 'kubeconfig');
    writeFileSync(
      file,
      readFileSync(kubeconfigPath(), 'utf8').replace(
        /server: https:\/\/127\.0\.0\.1:\d+/,
        `server: https://127.0.0.1:${port}`,
      ),
    );
    const args = deployArgs({ namespace: NS, id: 'bad-server', image: 'example.invalid/web:v1' });
    args[args.indexOf('--kubeconfig') + 1] = file;
    const r = await cli(args);
    expectCode(r, 2);
    assert.match(
      r.stderr,
      new RegExp(`cannot reach the Kubernetes API server https://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`),
    );
    assert.ok(r.stderr.includes(`kubeconfig ${file}, context hci-local`), r.stderr);
    assert.match(
      r.stderr,
      /Fix: start the cluster \(local: npm run k8s\) or point --kubeconfig\/--context at a reachable API server/,
    );
  });

  it('names an unknown context, a missing kubeconfig and a missing image', async () => {
    const ctx = await cli([
      ...deployArgs({ namespace: NS, id: 'bad-ctx', image: 'example.invalid/web:v1' }),
      '--context',
      'prod',
    ]);
    expectCode(ctx, 2);
    assert.match(
      ctx.stderr,
      /--context prod is not in kubeconfig .* \(it has: hci-local\)\. Fix: choose one of those/,
    );
    const args = deployArgs({ namespace: NS, id: 'bad-file', image: 'example.invalid/web:v1' });
    args[args.indexOf('--kubeconfig') + 1] = '/nonexistent/kubeconfig';
    const missing = await cli(args);
    expectCode(missing, 2);
    assert.match(
      missing.stderr,
      /--kubeconfig \/nonexistent\/kubeconfig: .*Fix: give the path of a readable kubeconfig/,
    );
    const noImage = await cli(
      deployArgs({ namespace: NS, id: 'bad-image', image: 'x' }).filter(
        (a, i, all) => a !== '--image' && all[i - 1] !== '--image',
      ),
    );
    expectCode(noImage, 2);
    assert.match(noImage.stderr, /--image is required with --kubernetes/);
  });

  it('created nothing in the cluster', async () => {
    const deps = await kube().apps.listNamespacedDeployment({ namespace: NS });
    const svcs = await kube().core.listNamespacedService({ namespace: NS });
    assert.equal(deps.items.length, 0);
    assert.equal(svcs.items.length, 0);
  });
});
