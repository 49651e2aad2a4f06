// The deploy payload from the real template's plan and scans derived from the real host scan,
// compared field by field with the structure of reference/deploy-cluster-payload-converged.json;
// the disk-layout rules against the installer UI's own payloads (deploy-payload-variants/*.json).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  buildDeployPayload,
  DeployPayloadError,
  masterCount,
  type DeployPayloadInput,
} from '../../../src/activities/deploy-cluster/deploy-payload.js';
import { diskLayout } from '../../../src/activities/support/disk-layout.js';
import {
  summarizeHostScan,
  type HostScanSummary,
} from '../../../src/activities/support/host-scan-summary.js';
import { loadPlan, type Plan } from '../../../src/plan/index.js';
import type { DeployClusterPayload, HostScan } from '../../../src/smartx/index.js';
import { customerWorkbookPath, needsCustomerWorkbook } from '../../helpers/customer-workbook.js';
import { derivedScans, realScan, reference, structureDiff } from './helpers.js';

type RefPayload = DeployClusterPayload;

function inputFrom(plan: Plan, scans: HostScan[]): DeployPayloadInput {
  return {
    clusterName: plan.clusterName,
    dnsServers: plan.dnsServers,
    networks: { management: plan.networks.management, storage: plan.networks.storage },
    storageArchitecture: plan.storageArchitecture,
    features: plan.features,
    hosts: plan.hosts.map((h, i) => ({
      hostname: h.hostname,
      managementIp: h.managementIp,
      storageIp: h.storageIp,
      scan: summarizeHostScan(scans[i], { preferNics: plan.networks.management.nics }),
    })),
    currentTime: '2026-01-04T07:49:20.978Z',
  };
}

describe(
  'buildDeployPayload from the real template (4 hosts) and the real host scan',
  needsCustomerWorkbook(),
  () => {
    let plan: Plan;
    let scans: HostScan[];
    let payload: DeployClusterPayload;
    const ref = reference<RefPayload>('deploy-cluster-payload-converged.json');

    before(async () => {
      const loaded = await loadPlan(customerWorkbookPath());
      assert.deepEqual(loaded.errors, [], 'the template loads without errors');
      plan = loaded.plan!;
      assert.equal(plan.hosts.length, 4);
      scans = derivedScans(4);
      payload = buildDeployPayload(inputFrom(plan, scans));
    });

    it('has the structure of the converged reference at every level (keys, types, nulls)', () => {
      assert.deepEqual(structureDiff(payload, ref), []);
      // Key order too, so a diff against the reference reads naturally.
      assert.deepEqual(Object.keys(payload), Object.keys(ref));
      assert.deepEqual(Object.keys(payload.hosts[0]), Object.keys(ref.hosts[0]));
      assert.deepEqual(Object.keys(payload.hosts[0].disks[0]), Object.keys(ref.hosts[0].disks[0]));
      assert.deepEqual(Object.keys(payload.networks[0]), Object.keys(ref.networks[0]));
      assert.deepEqual(
        Object.keys(payload.networks[1].network_config),
        Object.keys(ref.networks[1].network_config),
      );
    });

    it('has the same VDS / network / host layout and fixed values as the reference', () => {
      assert.equal(payload.platform, ref.platform);
      assert.equal(payload.vdses.length, ref.vdses.length);
      assert.equal(payload.networks.length, ref.networks.length);
      assert.equal(payload.hosts.length, ref.hosts.length);
      payload.networks.forEach((n, i) => {
        const r = ref.networks[i];
        assert.equal(n.name, r.name);
        assert.equal(n.network_type, r.network_type);
        assert.equal(n.mode.type, r.mode.type);
        assert.equal(n.attached_vds, payload.vdses[i].name, 'network i sits on VDS i, as in the reference');
        assert.equal(n.network_config.service.length, r.network_config.service.length);
        n.network_config.service.forEach((s, k) => {
          assert.equal(s.service_interface_name, r.network_config.service[k].service_interface_name);
          assert.equal(s.host_uuid, payload.hosts[k].host_uuid);
        });
      });
      payload.vdses.forEach((v) => {
        assert.deepEqual(
          v.hosts_associated.map((a) => a.host_uuid),
          payload.hosts.map((h) => h.host_uuid),
        );
      });
      payload.hosts.forEach((h, i) => {
        assert.deepEqual(h.host_passwords, ref.hosts[i].host_passwords);
        assert.deepEqual(
          h.ifaces.map((f) => f.function),
          ref.hosts[i].ifaces.map((f) => f.function),
        );
        assert.deepEqual(h.tags, []);
        assert.equal(h.is_master, ref.hosts[i].is_master, '3 masters of 4 hosts, as in the reference');
        assert.equal(h.with_faster_ssd_as_cache, ref.hosts[i].with_faster_ssd_as_cache);
      });
      assert.deepEqual({ ...payload.ntp, current_time: 'x' }, { ...ref.ntp, current_time: 'x' });
    });

    it('takes every plan value from the plan (names, IPs, VLANs, netmask, gateway, features)', () => {
      const { management: mgt, storage } = plan.networks;
      assert.equal(payload.cluster_name, plan.clusterName);
      // DNS is set after the deploy (configure-cluster); the installer UI always sends the placeholder.
      assert.deepEqual(payload.dns_server, ['127.0.0.1']);
      assert.deepEqual(
        payload.vdses.map((v) => [v.name, v.bond_mode, v.hosts_associated[0].nics_associated]),
        [
          [mgt.vdsName, mgt.bondMode, mgt.nics],
          [storage.vdsName, storage.bondMode, storage.nics],
        ],
      );
      assert.deepEqual(payload.networks[0].mode.network_identities, [mgt.vlanId]);
      assert.deepEqual(payload.networks[1].mode.network_identities, [storage.vlanId]);
      assert.deepEqual(payload.networks[0].network_config.route, [{ gateway: mgt.gateway }]);
      assert.equal(mgt.subnet, '10.0.20.0/24');
      for (const s of [
        ...payload.networks[0].network_config.service,
        ...payload.networks[1].network_config.service,
      ]) {
        assert.equal(s.netmask, '255.255.255.0');
      }
      payload.hosts.forEach((h, i) => {
        const p = plan.hosts[i];
        assert.equal(h.hostname, p.hostname);
        assert.deepEqual(h.ifaces, [
          { ip: p.managementIp, function: 'mgt' },
          { ip: p.storageIp, function: 'storage' },
        ]);
        assert.equal(payload.networks[0].network_config.service[i].service_interface_ip, p.managementIp);
        assert.equal(payload.networks[1].network_config.service[i].service_interface_ip, p.storageIp);
      });
      assert.equal(payload.vhost_enabled, plan.features.boost);
      assert.equal(payload.rdma_enabled, plan.features.rdma);
    });

    it('takes uuid and link-local host_ip (with zone) from each host scan', () => {
      payload.hosts.forEach((h, i) => {
        assert.equal(h.host_uuid, scans[i].host_uuid);
        const nic = scans[i].ifaces.find((f) => f.name === 'ens224')!;
        assert.equal(
          h.host_ip,
          `${nic.ipv6}%ens224`,
          'first management NIC of the plan with a link-local address',
        );
        assert.match(h.host_ip, /^fe80::[0-9a-f:]+%ens\d+$/);
      });
      assert.equal(new Set(payload.hosts.map((h) => h.host_ip)).size, 4);
    });

    it('gives NVMe+HDD hosts NVMe cache and HDD data, leaves the boot disk out', () => {
      for (const h of payload.hosts) {
        assert.equal(h.disk_data_with_cache, false);
        assert.deepEqual(
          h.disks.map((d) => [d.drive, d.function, d.type]),
          [
            ['nvme0n1', 'cache', 'SSD'],
            ['nvme0n2', 'cache', 'SSD'],
            ['sdb', 'data', 'HDD'],
            ['sdc', 'data', 'HDD'],
            ['sdd', 'data', 'HDD'],
            ['sde', 'data', 'HDD'],
            ['sdf', 'data', 'HDD'],
          ],
        );
        assert.ok(
          !h.disks.some((d) => d.drive === 'sda'),
          'sda is the boot disk (function "boot" in the scan)',
        );
      }
      // The seed's own payload for the same machine has exactly these disks.
      const real = realScan();
      assert.deepEqual(
        payload.hosts[0].disks.map((d) => ({ ...d })),
        real.disks.filter((d) => d.function !== 'boot').map((d) => ({ ...d })),
      );
    });

    it('puts no plan password into the payload', () => {
      const text = JSON.stringify(payload);
      for (const h of plan.hosts) {
        assert.ok(!text.includes(h.ssh.password.reveal()));
        assert.ok(!text.includes(h.bmc.password.reveal()));
      }
      assert.ok(!text.includes(plan.fisheye.password.reveal()));
      assert.ok(!text.includes(plan.cloudtower.rootPassword.reveal()));
    });

    it('uses the workbook subnet prefix and gateway (not /24 and .1)', () => {
      const input = inputFrom(plan, scans);
      input.networks = {
        management: {
          ...plan.networks.management,
          subnet: '10.0.16.0/21',
          gateway: '10.0.23.254',
          vlanId: 1020,
        },
        storage: { ...plan.networks.storage, subnet: '10.0.21.0/26', vlanId: 1021 },
      };
      const p = buildDeployPayload(input);
      assert.equal(p.networks[0].network_config.service[0].netmask, '255.255.248.0');
      assert.equal(p.networks[1].network_config.service[0].netmask, '255.255.255.192');
      assert.deepEqual(p.networks[0].network_config.route, [{ gateway: '10.0.23.254' }]);
      assert.deepEqual(p.networks[0].mode, { type: 'vlan_access', network_identities: [1020] });
      assert.deepEqual(p.networks[1].mode, { type: 'vlan_access', network_identities: [1021] });
    });

    it('follows Boost and RDMA', () => {
      const input = inputFrom(plan, scans);
      const p = buildDeployPayload({ ...input, features: { boost: false, rdma: true } });
      assert.equal(p.vhost_enabled, false);
      assert.equal(p.rdma_enabled, true);
    });

    it('makes 3 masters below 5 hosts and 5 from 5 hosts on (first hosts in plan order)', () => {
      assert.deepEqual([1, 2, 3, 4, 5, 6, 16].map(masterCount), [1, 2, 3, 3, 5, 5, 5]);
      for (const count of [4, 5, 7]) {
        const s = derivedScans(count);
        const input = inputFrom(plan, s);
        input.hosts = s.map((scan, i) => ({
          hostname: `n${i + 1}`,
          managementIp: `10.0.20.${11 + i}`,
          storageIp: `10.0.21.${11 + i}`,
          scan: summarizeHostScan(scan),
        }));
        const p = buildDeployPayload(input);
        const expected = s.map((_, i) => i < (count < 5 ? 3 : 5));
        assert.deepEqual(
          p.hosts.map((h) => h.is_master),
          expected,
          `${count} hosts`,
        );
      }
    });

    it('refuses duplicate host uuids and a missing link-local address, naming the host', () => {
      const s = derivedScans(4);
      s[2].host_uuid = s[1].host_uuid;
      for (const f of s[3].ifaces) f.ipv6 = null;
      assert.throws(() => buildDeployPayload(inputFrom(plan, s)), DeployPayloadError);
      try {
        buildDeployPayload(inputFrom(plan, s));
      } catch (e) {
        const msg = (e as Error).message;
        assert.match(msg, /BJ-SMTX-Prod-Node-03 .* same host uuid/);
        assert.match(msg, /BJ-SMTX-Prod-Node-04 .*link-local/);
      }
    });
  },
);

describe('disk roles (FACTS.md) against the installer UI payloads', () => {
  type Variant = RefPayload;
  /** A scan with the variant host's disks plus a boot disk (the UI payload never lists it). */
  function scanOf(host: Variant['hosts'][number]): HostScanSummary {
    const scan = realScan();
    scan.host_uuid = host.host_uuid;
    scan.disks = [
      {
        drive: 'sdz',
        function: 'boot',
        model: 'Virtual_disk',
        serial: 'boot',
        size: 515396075520,
        type: 'SSD',
      },
      ...host.disks.map((d) => ({ ...d, function: 'data' })),
    ];
    return summarizeHostScan(scan);
  }
  const cases = [
    ['all-ssd-mixed-sizes-tiered.json', 'hybrid-tiered'],
    ['all-ssd-mixed-sizes-untiered.json', 'all-flash-untiered'],
    ['nvme-and-ssd-tiered.json', 'hybrid-tiered'],
  ] as const;
  for (const [file, arch] of cases) {
    it(`${file} (${arch}): same disk functions and flags as the UI sent`, () => {
      const variant = reference<Variant>(`deploy-payload-variants/${file}`);
      for (const h of variant.hosts) {
        const layout = diskLayout(h.hostname, scanOf(h), arch);
        assert.ok(!('problem' in layout), JSON.stringify(layout));
        assert.deepEqual(
          layout.disks,
          h.disks.map((d) => ({ drive: d.drive, function: d.function })),
          h.hostname,
        );
        assert.equal(layout.diskDataWithCache, h.disk_data_with_cache, h.hostname);
        assert.equal(layout.withFasterSsdAsCache, h.with_faster_ssd_as_cache, h.hostname);
      }
    });
  }

  it('SSD+HDD (converged reference): SSD cache, HDD data', () => {
    const ref = reference<RefPayload>('deploy-cluster-payload-converged.json');
    for (const h of ref.hosts) {
      const layout = diskLayout(h.hostname, scanOf(h), 'hybrid-tiered');
      assert.ok(!('problem' in layout));
      assert.deepEqual(
        layout.disks,
        h.disks.map((d) => ({ drive: d.drive, function: d.function })),
      );
      assert.equal(layout.diskDataWithCache, false);
    }
  });

  const disk = (drive: string, type: string, fn = 'data') => ({
    drive,
    function: fn,
    model: 'm',
    serial: drive,
    size: 1e12,
    type,
  });
  const summary = (disks: ReturnType<typeof disk>[]) => {
    const scan = realScan();
    scan.disks = [disk('sda', 'SSD', 'boot'), ...disks];
    return summarizeHostScan(scan);
  };

  it('NVMe+HDD: NVMe cache, HDD data; NVMe+SSD+HDD: all flash cache', () => {
    const a = diskLayout('h', summary([disk('nvme0n1', 'SSD'), disk('sdb', 'HDD')]), 'hybrid-tiered');
    assert.deepEqual(a, {
      disks: [
        { drive: 'nvme0n1', function: 'cache' },
        { drive: 'sdb', function: 'data' },
      ],
      diskDataWithCache: false,
      withFasterSsdAsCache: true,
    });
    const b = diskLayout(
      'h',
      summary([disk('nvme0n1', 'SSD'), disk('sdb', 'SSD'), disk('sdc', 'HDD')]),
      'hybrid-tiered',
    );
    assert.ok(!('problem' in b));
    assert.deepEqual(
      b.disks.map((d) => d.function),
      ['cache', 'cache', 'data'],
    );
  });

  it('hybrid with one kind of flash only (all NVMe) is untiered', () => {
    const a = diskLayout('h', summary([disk('nvme0n1', 'SSD'), disk('nvme1n1', 'SSD')]), 'hybrid-tiered');
    assert.ok(!('problem' in a));
    assert.deepEqual(
      a.disks.map((d) => d.function),
      ['data', 'data'],
    );
    assert.equal(a.diskDataWithCache, true);
  });

  it('all-flash untiered with NVMe+SSD: every disk data', () => {
    const a = diskLayout('h', summary([disk('nvme0n1', 'SSD'), disk('sdb', 'SSD')]), 'all-flash-untiered');
    assert.ok(!('problem' in a));
    assert.deepEqual(
      a.disks.map((d) => d.function),
      ['data', 'data'],
    );
    assert.equal(a.diskDataWithCache, true);
  });

  it('HDD only, HDD under all-flash, no data disk: invalid, naming host and disks', () => {
    const hddOnly = diskLayout(
      'host n1 (10.0.20.11)',
      summary([disk('sdb', 'HDD'), disk('sdc', 'HDD')]),
      'hybrid-tiered',
    );
    assert.ok('problem' in hddOnly);
    assert.match(hddOnly.problem, /host n1 \(10\.0\.20\.11\): only HDDs.*sdb HDD, sdc HDD/);
    const mixed = diskLayout(
      'host n2',
      summary([disk('sdb', 'SSD'), disk('sdc', 'HDD')]),
      'all-flash-untiered',
    );
    assert.ok('problem' in mixed);
    assert.match(mixed.problem, /host n2: HDD sdc under 全闪-不分层.*found sdb SSD, sdc HDD/);
    const none = diskLayout('host n3', summary([]), 'hybrid-tiered');
    assert.ok('problem' in none);
    assert.match(none.problem, /host n3: no data disk/);
  });

  it(
    'buildDeployPayload throws for an HDD-only host with host and disks in the message',
    needsCustomerWorkbook(),
    async () => {
      const plan = (await loadPlan(customerWorkbookPath())).plan!;
      const scans = derivedScans(4, (s, i) => {
        if (i === 1) s.disks = s.disks.filter((d) => d.type === 'HDD' || d.function === 'boot');
      });
      assert.throws(
        () => buildDeployPayload(inputFrom(plan, scans)),
        (e: unknown) =>
          e instanceof DeployPayloadError &&
          e.problems.length === 1 &&
          /BJ-SMTX-Prod-Node-02 \(10\.0\.20\.12\): only HDDs.*sdb HDD, sdc HDD, sdd HDD, sde HDD, sdf HDD/.test(
            e.problems[0],
          ),
      );
    },
  );
});
