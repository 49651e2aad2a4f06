import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadPlan } from '../../src/plan/index.js';
import { toRunPlan } from '../../src/run/run-plan.js';
import { simulatorTiming } from '../../src/run/timing.js';
import { isLoopback } from '../../src/smartx/index.js';
import { topologyFromWorkbook } from '../../scripts/lib/workbook-topology.js';
import { bringUpWorkflow } from '../../src/workflows/index.js';
import { writeSamplePackages } from '../../scripts/lib/sample-packages.js';
import { customerWorkbookPath, needsCustomerWorkbook } from '../helpers/customer-workbook.js';
import { startLab } from '../helpers/lab.js';
import { assertNoLenientPath } from '../helpers/lenient.js';
import { testClient, testWorker, uniqueTaskQueue } from '../helpers/temporal.js';

type Rec = Record<string, unknown>;
const arr = (v: unknown): Rec[] => (Array.isArray(v) ? (v as Rec[]) : []);

describe('rehearsing the real customer workbook (10.0.x addresses) on loopback', () => {
  it(
    'brings up stages 1-5 through the endpoint map only, and writes the serials into a copy of the workbook',
    { timeout: 300_000, ...needsCustomerWorkbook() },
    async () => {
      const dir = mkdtempSync(path.join(process.env.HCI_TEST_SCRATCH ?? os.tmpdir(), 'rehearsal-'));
      const planFile = path.join(dir, '规划设计表.xlsx');
      copyFileSync(customerWorkbookPath(), planFile);
      const plan = (await loadPlan(planFile)).plan!;
      assert.equal(plan.simulation, false, 'a real plan, not a loopback one');
      writeSamplePackages(path.join(dir, 'packages'));
      const endpointMapFile = path.join(dir, 'endpoints.json');
      const lab = await startLab({
        topology: await topologyFromWorkbook(planFile),
        speed: 2000,
        stateDir: path.join(dir, 'sim'),
        endpointsOut: endpointMapFile,
      });
      const { sim } = lab;
      // Every workbook address is a key of the map, every target is loopback.
      const endpoints = sim.endpointMap.endpoints;
      for (const address of [plan.vip, plan.cloudtower.ip, ...plan.hosts.map((h) => h.managementIp)]) {
        assert.ok(endpoints[address], `${address} is mapped`);
        assert.ok(isLoopback(endpoints[address].host), `${address} maps to loopback`);
      }
      const { client, connection } = await testClient();
      const taskQueue = uniqueTaskQueue('real-plan');
      const { worker, connection: wc } = await testWorker(taskQueue);
      try {
        const handle = await client.workflow.start(bringUpWorkflow, {
          taskQueue,
          workflowId: `e2e-real-plan-${taskQueue}`,
          args: [
            {
              plan: toRunPlan(plan, planFile),
              planFile,
              run: {
                connect: { mode: 'map', endpointMapFile },
                timing: simulatorTiming(2000, { heartbeatTimeoutSeconds: 5 }),
              },
              files: { packageDir: path.join(dir, 'packages'), artifactsDir: dir },
              components: { obs: 'skip', backup: 'skip' },
              stopAfter: 'attach-cluster',
              onFailure: 'fail',
            },
          ],
        });
        const summary = await worker.runUntil(handle.result());
        assert.equal(summary.outcome, 'stopped', JSON.stringify(summary, null, 2));
        assert.match(summary.created['business VDS'] ?? '', /vDS-Prod-Network \(created, 11 VLANs\)/);

        // The orchestrator spoke to the workbook's addresses (host header) while connecting to loopback.
        // The request log records the Host header as the client sent it.
        const hostOf = (r: object) => ('host' in r && typeof r.host === 'string' ? r.host : '');
        const hosts = new Set(sim.state.requests.map((r) => hostOf(r).replace(/:\d+$/, '')));
        for (const h of hosts) assert.match(h, /^10\.0\.(19|20|21)\.\d+$/, `request named ${h}`);
        await assertNoLenientPath(sim);
        const state = sim.core.snapshot();
        assert.equal(arr((state.cloudtower as Rec).datacenters)[0]?.name, 'C89-LAB');
        assert.equal(arr((state.cloudtower as Rec).organizations)[0]?.name, '八九实验室');

        // Serials land in the copy; the original beside it is kept as a backup.
        const reread = (await loadPlan(planFile)).plan!;
        assert.equal(reread.clusterSerial, summary.serials.cluster);
        assert.equal(reread.cloudtower.serial, summary.serials.CloudTower);
        assert.ok(
          readdirSync(dir).some((f) => f.includes('.bak')),
          'a backup of the workbook was kept',
        );
      } finally {
        await wc.close();
        await connection.close();
        await lab.stop();
      }
    },
  );
});
