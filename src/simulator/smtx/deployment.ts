// SMTX OS deployment API (plain HTTP on each host before the cluster exists; seed 003 §01–02):
//   GET  /api/v2/deployment/host                       scan of this host
//   GET  /api/v2/deployment/cluster                    layer-2 scan (all hosts)
//   POST /api/v2/deployment/cluster                    deploy
//   GET  /api/v2/deployment/host/deploy_status?host_ip= progress
//   GET  /api/v2/deployment/deploy_verify              final result
import type { SimRoute } from '../core/contract.js';
import { describeIssues, fail, ok } from '../core/envelope.js';
import { requireDeploymentToken } from './auth.js';
import { checkDeployPayload } from './deploy-checks.js';
import { deployStages, stageAt, startDeploy, type DeployRun } from './deploy-process.js';
import { deployPayloadSchema } from './deploy-schema.js';
import { scanData } from './inventory.js';
import type { SmtxWorld } from './world.js';

export function deploymentRoutes(world: SmtxWorld): SimRoute[] {
  const arch = world.core.topology.storageArchitecture;
  const run = () => world.state.cluster.deploy as DeployRun | undefined;
  return [
    {
      method: 'GET',
      pattern: '/api/v2/deployment/host',
      name: 'deployment.host.scan',
      handler: async (req) => {
        const denied = requireDeploymentToken(req);
        if (denied) return denied;
        const inv = world.hosts.find((h) => h.planAddress === req.machine.planAddress);
        if (!inv) return fail(404, 'ENOT_FOUND', 'not a host');
        return ok(scanData(inv, arch, world.state.cluster.deployed, inv.planAddress));
      },
    },
    {
      method: 'GET',
      pattern: '/api/v2/deployment/cluster',
      name: 'deployment.cluster.scan',
      handler: async (req) => {
        const denied = requireDeploymentToken(req);
        if (denied) return denied;
        // Layer-2 discovery answers with link-local addresses; hosts already in a cluster do not answer.
        const hosts = world.state.cluster.deployed
          ? []
          : world.hosts.map((h) => {
              const nic = h.ifaces.find((f) => f.ipv6);
              return scanData(h, arch, false, `${nic?.ipv6}%${nic?.name}`);
            });
        return ok({ hosts });
      },
    },
    {
      method: 'POST',
      pattern: '/api/v2/deployment/cluster',
      name: 'deployment.cluster.deploy',
      handler: async (req) => {
        const denied = requireDeploymentToken(req);
        if (denied) return denied;
        world.state.cluster.deployRequests++;
        const parsed = deployPayloadSchema.safeParse(await req.json());
        if (!parsed.success) return fail(400, 'EINVALID_ARGUMENT', describeIssues(parsed.error.issues));
        if (world.state.cluster.deployed)
          return fail(400, 'ECLUSTER_ALREADY_DEPLOYED', 'hosts are already in a cluster');
        if (run()?.state === 'running')
          return fail(400, 'EDEPLOYMENT_IN_PROGRESS', 'a cluster deployment is already running');
        const errors = checkDeployPayload(parsed.data, world.hosts, arch);
        if (errors.length) return fail(400, 'EINVALID_ARGUMENT', errors.join('; '));
        world.deployPayloadHosts = parsed.data.hosts.map((h) => ({ uuid: h.host_uuid, hostIp: h.host_ip }));
        startDeploy(world, parsed.data);
        return ok({ msg: 'SUCCEEDED: A new cluster deploying task is on its way now.' });
      },
    },
    {
      method: 'GET',
      pattern: '/api/v2/deployment/host/deploy_status',
      name: 'deployment.deploy_status',
      handler: async (req) => {
        const denied = requireDeploymentToken(req);
        if (denied) return denied;
        const hostIp = req.query.get('host_ip');
        if (!hostIp) return fail(400, 'EINVALID_ARGUMENT', 'host_ip is required');
        const r = run();
        if (!r)
          return ok({
            current_stage: 0,
            msg: null,
            stage_info: null,
            state: 'idle',
            total_stages: deployStages.length,
          });
        const known =
          world.deployPayloadHosts.some((h) => h.hostIp === hostIp) ||
          world.hosts.some((h) => h.planAddress === hostIp);
        if (!known) return fail(404, 'ENOT_FOUND', `host ${hostIp} is not part of the deployment`);
        if (r.state === 'failed') {
          return {
            status: 200,
            body: {
              ec: 'EDEPLOY_FAILED',
              error: { msg: r.msg },
              data: {
                current_stage: (r.failedStage ?? 0) + 1,
                msg: r.msg,
                stage_info: deployStages[r.failedStage ?? 0],
                state: 'failed',
                total_stages: deployStages.length,
              },
            },
          };
        }
        const stage = r.state === 'done' ? deployStages.length - 1 : stageAt(world, r);
        return ok({
          current_stage: stage + 1,
          msg: null,
          stage_info: deployStages[stage],
          state: r.state === 'done' ? 'success' : 'running',
          total_stages: deployStages.length,
        });
      },
    },
    {
      method: 'GET',
      pattern: '/api/v2/deployment/deploy_verify',
      name: 'deployment.deploy_verify',
      handler: async (req) =>
        requireDeploymentToken(req) ?? ok({ is_deployed: world.state.cluster.deployed, platform: 'kvm' }),
    },
  ];
}
