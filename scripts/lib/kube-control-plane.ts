// A local Kubernetes control plane for the Kubernetes deployer (issue 25): etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and kwok with a few fake nodes, all on 127.0.0.1, run by
// an ordinary user (data, certificates and logs under one directory). The binaries come from
// scripts/kube-binaries.sh (built once per user and cached, like the Temporal CLI); etcd is Debian's
// `etcd-server`. kwok plays the kubelets: pods scheduled onto its nodes go Running and Ready without
// containers, so rollouts, readiness, revisions and rollbacks are the real controllers' work.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { projectRoot } from '../../src/config/dev-server.js';
import { freePort } from './dev-server.js';

export interface ControlPlaneState {
  dir: string;
  kubeconfig: string;
  server: string;
  pids: Record<string, number>;
  nodes: string[];
}

/** Where the control plane keeps everything: HCI_K8S_DIR, else the checkout's .cache/k8s. */
export function controlPlaneDir(): string {
  return path.resolve(process.env.HCI_K8S_DIR ?? path.join(projectRoot, '.cache', 'k8s'));
}

const stateFile = (dir: string) => path.join(dir, 'state.json');

export function readState(dir = controlPlaneDir()): ControlPlaneState | undefined {
  try {
    return JSON.parse(readFileSync(stateFile(dir), 'utf8')) as ControlPlaneState;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The bin directory with kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kwok-stages/. */
export function kubeBinDir(): string {
  return execFileSync('bash', [path.join(projectRoot, 'scripts', 'kube-binaries.sh'), 'path'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  }).trim();
}

function etcdBinary(): string {
  const candidates = [process.env.ETCD_BIN, '/usr/bin/etcd', '/usr/local/bin/etcd'].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(
      'etcd is not installed: `apt-get install -y etcd-server` (Debian) or set ETCD_BIN to an etcd 3.4+ binary',
    );
  return found;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A CA, a serving certificate for 127.0.0.1/localhost and the service-account signing key. */
function makeCertificates(pki: string): void {
  mkdirSync(pki, { recursive: true, mode: 0o700 });
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '365',
      '-subj',
      '/CN=hci-bringup-local-ca',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
    ],
    pki,
  );
  writeFileSync(
    path.join(pki, 'san.cnf'),
    'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc\n',
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=kube-apiserver',
      '-keyout',
      'apiserver.key',
      '-out',
      'apiserver.csr',
    ],
    pki,
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'apiserver.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '365',
      '-extfile',
      'san.cnf',
      '-out',
      'apiserver.crt',
    ],
    pki,
  );
  openssl(['genrsa', '-out', 'sa.key', '2048'], pki);
  openssl(['rsa', '-in', 'sa.key', '-pubout', '-out', 'sa.pub'], pki);
}

function kubeconfigText(server: string, caFile: string, token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: hci-local',
    '  cluster:',
    `    server: ${server}`,
    `    certificate-authority: ${caFile}`,
    'users:',
    '- name: hci-admin',
    '  user:',
    `    token: ${token}`,
    'contexts:',
    '- name: hci-local',
    '  context:',
    '    cluster: hci-local',
    '    user: hci-admin',
    'current-context: hci-local',
    '',
  ].join('\n');
}

function start(name: string, bin: string, args: string[], logDir: string): number {
  const out = openSync(path.join(logDir, `${name}.log`), 'a');
  const child = spawn(bin, args, { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (!child.pid) throw new Error(`${name} did not start`);
  return child.pid;
}

async function until(what: string, logFile: string, pid: number, ms: number, probe: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) {
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new Error(`${what}: the process exited; the end of ${logFile}:\n${tail}`);
    }
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not happen within ${ms / 1000} s (see ${logFile})`);
}

function apiGet(
  server: string,
  ca: string,
  token: string,
  p: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(
      `${server}${p}`,
      { ca, headers: { authorization: `Bearer ${token}` }, timeout: 5000 },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error('timeout')));
  });
}

function apiSend(server: string, ca: string, token: string, method: string, p: string, body: unknown) {
  return new Promise<number>((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = https.request(
      `${server}${p}`,
      {
        method,
        ca,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        timeout: 5000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

/** A fake node that kwok manages (its annotation) and that takes ordinary pods (no taint). */
function fakeNode(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', type: 'kwok' },
    },
    status: {
      allocatable: { cpu: '16', memory: '64Gi', pods: '110' },
      capacity: { cpu: '16', memory: '64Gi', pods: '110' },
    },
  };
}

export interface StartOptions {
  dir?: string;
  nodes?: number;
  log?: (line: string) => void;
}

/** Starts the control plane (a running one in the same directory is reused) and waits until its nodes are Ready. */
export async function startControlPlane(opts: StartOptions = {}): Promise<ControlPlaneState> {
  const dir = opts.dir ?? controlPlaneDir();
  const log = opts.log ?? ((l: string) => console.error(`[k8s] ${l}`));
  const running = readState(dir);
  if (running && Object.values(running.pids).every(alive)) {
    log(`already running (${running.server}); kubeconfig ${running.kubeconfig}`);
    return running;
  }
  if (running) await stopControlPlane(dir, log);
  const bin = kubeBinDir();
  const etcd = etcdBinary();
  // A fresh cluster each start: old etcd data would hold deployments of earlier runs.
  for (const sub of ['etcd', 'pki', 'logs', 'apiserver-certs'])
    rmSync(path.join(dir, sub), { recursive: true, force: true });
  const logs = path.join(dir, 'logs');
  mkdirSync(logs, { recursive: true });
  const pki = path.join(dir, 'pki');
  makeCertificates(pki);
  const token = randomBytes(24).toString('hex');
  writeFileSync(path.join(pki, 'tokens.csv'), `${token},hci-admin,hci-admin,system:masters\n`, {
    mode: 0o600,
  });
  const [etcdPort, etcdPeer, apiPort] = [await freePort(), await freePort(), await freePort()];
  const server = `https://127.0.0.1:${apiPort}`;
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, kubeconfigText(server, path.join(pki, 'ca.crt'), token), { mode: 0o600 });
  const ca = readFileSync(path.join(pki, 'ca.crt'), 'utf8');
  const pids: Record<string, number> = {};
  const state: ControlPlaneState = { dir, kubeconfig, server, pids, nodes: [] };
  const save = () => writeFileSync(stateFile(dir), JSON.stringify(state, null, 2));
  try {
    pids.etcd = start(
      'etcd',
      etcd,
      [
        '--name=hci-local',
        `--data-dir=${path.join(dir, 'etcd')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeer}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeer}`,
        `--initial-cluster=hci-local=http://127.0.0.1:${etcdPeer}`,
        '--listen-metrics-urls=',
      ],
      logs,
    );
    save();
    log(`etcd on 127.0.0.1:${etcdPort}`);
    pids['kube-apiserver'] = start(
      'kube-apiserver',
      path.join(bin, 'kube-apiserver'),
      [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        // A loopback advertise address is refused by the endpoint reconciler; nothing needs it here.
        '--endpoint-reconciler-type=none',
        '--service-cluster-ip-range=10.96.0.0/16',
        `--tls-cert-file=${path.join(pki, 'apiserver.crt')}`,
        `--tls-private-key-file=${path.join(pki, 'apiserver.key')}`,
        `--cert-dir=${path.join(dir, 'apiserver-certs')}`,
        `--service-account-key-file=${path.join(pki, 'sa.pub')}`,
        `--service-account-signing-key-file=${path.join(pki, 'sa.key')}`,
        '--service-account-issuer=https://kubernetes.default.svc',
        `--token-auth-file=${path.join(pki, 'tokens.csv')}`,
        '--authorization-mode=AlwaysAllow',
        '--kubelet-preferred-address-types=InternalIP',
        // Clients (kwok's client-go) open watch-list streams; from the watch cache those need etcd's
        // watch progress requests, which the apiserver finds unsupported in Debian's etcd 3.4.23: the
        // streams fail over and over, kwok stops seeing pods (they stay Pending) and nodes (they lose
        // their addresses). Served from etcd directly they work; a test cluster needs no cache.
        '--watch-cache=false',
      ],
      logs,
    );
    save();
    const apiLog = path.join(logs, 'kube-apiserver.log');
    await until('kube-apiserver /readyz', apiLog, pids['kube-apiserver'], 120_000, async () => {
      const r = await apiGet(server, ca, token, '/readyz');
      return r.status === 200;
    });
    log(`kube-apiserver ready at ${server}`);
    const common = [`--kubeconfig=${kubeconfig}`, '--leader-elect=false', '--secure-port=0'];
    pids['kube-controller-manager'] = start(
      'kube-controller-manager',
      path.join(bin, 'kube-controller-manager'),
      [...common, '--controllers=*,-serviceaccount-token', '--use-service-account-credentials=false'],
      logs,
    );
    pids['kube-scheduler'] = start('kube-scheduler', path.join(bin, 'kube-scheduler'), common, logs);
    const stages = path.join(bin, 'kwok-stages');
    // kwok plays the kubelets' API too (pod logs through the API server): on loopback, with the
    // serving certificate, every pod's log being the file below (its ClusterLogs rule).
    const kwokPort = await freePort();
    const podLog = path.join(dir, 'pod-logs.log');
    // The CRI log format the kubelet's API serves (time, stream, tag, message).
    const at = new Date().toISOString();
    writeFileSync(
      podLog,
      [
        'hci-bringup local cluster: kwok serves this file as the log of every pod',
        'listening on :8080',
        'ready',
      ]
        .map((line) => `${at} stdout F ${line}\n`)
        .join(''),
    );
    const logsRule = path.join(dir, 'kwok-logs.yaml');
    writeFileSync(
      logsRule,
      [
        'kind: ClusterLogs',
        'apiVersion: kwok.x-k8s.io/v1alpha1',
        'metadata:',
        '  name: hci-pod-logs',
        'spec:',
        '  logs:',
        `  - logsFile: ${podLog}`,
        '    follow: false',
        '',
      ].join('\n'),
    );
    pids.kwok = start(
      'kwok',
      path.join(bin, 'kwok'),
      [
        `--kubeconfig=${kubeconfig}`,
        '--manage-all-nodes=false',
        '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
        '--node-ip=127.0.0.1',
        `--node-port=${kwokPort}`,
        // Node leases renewed by kwok: the kubelets' heartbeat the node lifecycle controller watches.
        '--node-lease-duration-seconds=40',
        // Without it kwok would listen on 0.0.0.0:<node-port>.
        `--server-address=127.0.0.1:${kwokPort}`,
        `--tls-cert-file=${path.join(pki, 'apiserver.crt')}`,
        `--tls-private-key-file=${path.join(pki, 'apiserver.key')}`,
        ...readdirSync(stages)
          .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
          .sort()
          .map((f) => `--config=${path.join(stages, f)}`),
        `--config=${logsRule}`,
      ],
      logs,
    );
    save();
    const count = opts.nodes ?? 3;
    for (let i = 0; i < count; i++) {
      const name = `kwok-node-${i}`;
      const status = await apiSend(server, ca, token, 'POST', '/api/v1/nodes', fakeNode(name));
      if (status !== 201 && status !== 409) throw new Error(`creating node ${name}: HTTP ${status}`);
      state.nodes.push(name);
    }
    save();
    await until('fake nodes Ready', path.join(logs, 'kwok.log'), pids.kwok, 60_000, async () => {
      const r = await apiGet(server, ca, token, '/api/v1/nodes');
      const items = (
        JSON.parse(r.body) as { items: { status?: { conditions?: { type: string; status: string }[] } }[] }
      ).items;
      return (
        items.length >= count &&
        items.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
      );
    });
    await until('the default service account', apiLog, pids['kube-controller-manager'], 60_000, async () => {
      const r = await apiGet(server, ca, token, '/api/v1/namespaces/default/serviceaccounts/default');
      return r.status === 200;
    });
    log(`${count} fake nodes Ready; kubeconfig ${kubeconfig}`);
    return state;
  } catch (err) {
    await stopControlPlane(dir, () => undefined);
    throw err;
  }
}

/** Stops every process of the control plane in `dir` (kwok and the controllers first, etcd last). */
export async function stopControlPlane(
  dir = controlPlaneDir(),
  log = (l: string) => console.error(`[k8s] ${l}`),
) {
  const state = readState(dir);
  if (!state) {
    log(`no control plane recorded in ${dir}`);
    return;
  }
  const order = ['kwok', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd'];
  for (const name of order) {
    const pid = state.pids[name];
    if (!pid || !alive(pid)) continue;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(stateFile(dir), { force: true });
  log(`stopped (${Object.keys(state.pids).join(', ')})`);
}
