/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-explicit-any -- JSON from the wire, checked by the assertions */
// HTTP drivers of a running simulator for tests and benches (here and in the product's tests): a got
// client that resolves plan addresses through the endpoint map (like the orchestrator), always with
// `host: <plan IP>`, and the steps that bring a simulated cluster to deployed. Exported as
// `@hci-bringup/simulator/testing`, never used by the simulator itself.
import got, { type Method } from 'got';
import { deploymentToken, type RunningSimulator } from '../index.js';

export interface CallOptions {
  json?: unknown;
  token?: string;
  port?: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

export interface Reply {
  status: number;
  body: any;
}

export async function call(
  sim: RunningSimulator,
  ip: string,
  method: Method,
  path: string,
  opts: CallOptions = {},
): Promise<Reply> {
  const real = opts.port ?? 443;
  const { host, port } = sim.resolve(ip, real);
  const scheme = real === 80 ? 'http' : 'https';
  const res = await got(`${scheme}://${host}:${port}${path}`, {
    method,
    json: opts.json,
    body: opts.body,
    headers: { host: ip, ...(opts.token ? { 'x-smartx-token': opts.token } : {}), ...opts.headers },
    https: { rejectUnauthorized: false },
    throwHttpErrors: false,
    retry: { limit: 0 },
    responseType: 'text',
  });
  let body: unknown = res.body;
  try {
    body = JSON.parse(res.body);
  } catch {
    /* not JSON */
  }
  return { status: res.statusCode, body };
}

export async function admin(
  sim: RunningSimulator,
  method: Method,
  path: string,
  json?: unknown,
): Promise<Reply> {
  const res = await got(`${sim.adminUrl}${path}`, {
    method,
    json,
    throwHttpErrors: false,
    responseType: 'json',
    retry: { limit: 0 },
  });
  return { status: res.statusCode, body: res.body };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Builds a deploy payload from host scans the way the orchestrator should (FACTS.md rules). */
export function deployPayload(scans: any[], clusterName = 'SIM-CLUSTER'): Record<string, unknown> {
  const vds = (name: string, nics: string[]) => ({
    name,
    bond_mode: 'active-backup',
    hosts_associated: scans.map((s) => ({ host_uuid: s.host_uuid, nics_associated: nics })),
  });
  const net = (
    name: string,
    vdsName: string,
    type: string,
    ip: (s: any, i: number) => string,
    vlan: number,
  ) => ({
    name,
    attached_vds: vdsName,
    network_type: type,
    network_config: {
      service: scans.map((s, i) => ({
        host_uuid: s.host_uuid,
        service_interface_name: `port-${type === 'mgt' ? 'mgt' : 'storage'}`,
        service_interface_ip: ip(s, i),
        netmask: '255.255.0.0',
      })),
      ...(type === 'mgt' ? { route: [{ gateway: '127.1.0.1' }] } : {}),
    },
    mode: { type: 'vlan_access', network_identities: [vlan] },
  });
  return {
    platform: 'kvm',
    cluster_name: clusterName,
    dns_server: ['127.0.0.1'],
    vdses: [vds('VDS-MGT', ['ens224', 'ens192']), vds('VDS-SDS', ['ens256', 'ens161'])],
    networks: [
      net('mgt-network', 'VDS-MGT', 'mgt', (s) => s.ifaces.find((f: any) => f.name === 'port-mgt').ipv4, 0),
      net('storage-network', 'VDS-SDS', 'storage', (_s, i) => `127.1.2.${11 + i}`, 0),
    ],
    hosts: scans.map((s, i) => {
      const nic = s.ifaces.find((f: any) => f.name === 'ens192');
      const disks = s.disks.filter((d: any) => d.function !== 'boot');
      const hasHdd = disks.some((d: any) => d.type === 'HDD');
      return {
        host_ip: `${nic.ipv6}%${nic.name}`,
        host_uuid: s.host_uuid,
        hostname: s.hostname,
        disk_data_with_cache: !hasHdd,
        host_passwords: [
          { user: 'root', password: 'c+G6KvJYsKyQyY4U' },
          { user: 'smartx', password: 'c+G6KvJYsKyQyY4U' },
        ],
        tags: [],
        ifaces: [
          { ip: s.ifaces.find((f: any) => f.name === 'port-mgt').ipv4, function: 'mgt' },
          { ip: `127.1.2.${11 + i}`, function: 'storage' },
        ],
        disks: disks.map((d: any) => ({
          ...d,
          function: hasHdd ? (d.type === 'HDD' ? 'data' : 'cache') : 'data',
        })),
        is_master: i < 3,
        with_faster_ssd_as_cache: true,
      };
    }),
    ntp: { mode: 'internal', ntp_server: null, current_time: new Date().toISOString() },
    vhost_enabled: true,
    rdma_enabled: false,
  };
}

export { deploymentToken };

/** Scans every host, deploys and waits until deploy_verify says deployed; returns the scans. */
export async function deployCluster(sim: RunningSimulator): Promise<any[]> {
  const ips = sim.core.topology.hosts.map((h) => h.managementIp);
  const scans = [];
  for (const ip of ips)
    scans.push(
      (await call(sim, ip, 'GET', '/api/v2/deployment/host', { port: 80, token: deploymentToken })).body.data,
    );
  const r = await call(sim, ips[0], 'POST', '/api/v2/deployment/cluster', {
    port: 80,
    token: deploymentToken,
    json: deployPayload(scans),
  });
  if (r.status !== 200) throw new Error(`deploy failed: ${JSON.stringify(r.body)}`);
  await waitFor(
    'deploy',
    async () =>
      (await call(sim, ips[0], 'GET', '/api/v2/deployment/deploy_verify', { token: deploymentToken })).body
        .data.is_deployed,
  );
  return scans;
}

/** setupRoot + login; returns a session token. */
export async function login(sim: RunningSimulator, ip: string): Promise<string> {
  await call(sim, ip, 'POST', '/api/v3/users:setupRoot', {
    json: { password: 'HC!r0cks', repeat: 'HC!r0cks', encrypted: false },
  });
  const r = await call(sim, ip, 'POST', '/api/v3/sessions', {
    json: { username: 'root', password: 'HC!r0cks', encrypted: false },
  });
  return r.body.token as string;
}

export async function waitJob(sim: RunningSimulator, ip: string, token: string, jobId: string): Promise<any> {
  return waitFor(`job ${jobId}`, async () => {
    const j = (await call(sim, ip, 'GET', `/api/v2/jobs/${jobId}`, { token })).body.data.job;
    return j.state === 'done' || j.state === 'failed' ? j : undefined;
  });
}
