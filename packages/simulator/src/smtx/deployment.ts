// SMTX OS deployment API (plain HTTP on each host before the cluster exists; seed 003 §01–02):
//   GET  /api/v2/deployment/host                       scan of this host
//   GET  /api/v2/deployment/cluster                    layer-2 scan (all hosts)
//   POST /api/v2/deployment/cluster                    deploy
//   GET  /api/v2/deployment/host/deploy_status?host_ip= progress
//   GET  /api/v2/deployment/deploy_verify              final result
import type { SimReply, SimRequest, SimRoute } from '../core/contract.js';
import { fail, ok } from '../core/envelope.js';
import { capture, noBody, seedLine } from '../core/evidence.js';
import { checkBody } from '../core/request-body.js';
import { requireDeploymentToken } from './auth.js';
import { typed, v2Rules } from './body-rules.js';
import { defaultDeployBehaviour, type DeployBehaviour } from './deploy-behaviour.js';
import { checkDeployPayload } from './deploy-checks.js';
import { deployStages, stageAt, startDeploy, type DeployRun } from './deploy-process.js';
import { deployPayloadSchema } from './deploy-schema.js';
import { scanData } from './inventory.js';
import type { SmtxWorld } from './world.js';

export function deploymentRoutes(world: SmtxWorld): SimRoute[] {
  const arch = world.core.topology.storageArchitecture;
  const behaviour: DeployBehaviour = { ...defaultDeployBehaviour, ...world.opts.deploy };
  const run = () => world.state.cluster.deploy as DeployRun | undefined;
  const sinceStart = (r: DeployRun) => world.clock.since(r.startedAt);
  /**
   * Services restart while the deploy reconfigures the hosts: inside the configured window every
   * deployment call answers 503 or loses its connection (the caller must not take that as an end).
   */
  const restarting = (req: SimRequest): SimReply | undefined => {
    const r = run();
    const w = behaviour.restartWindow;
    if (!r || !w || r.state !== 'running') return undefined;
    const t = sinceStart(r);
    if (t < w.fromSeconds || t >= w.fromSeconds + w.seconds) return undefined;
    if (w.kind === 'reset') req.raw.socket.destroy();
    return fail(503, 'ESERVICE_UNAVAILABLE', 'service is restarting');
  };
  /** Whether deploy_status answers this `host_ip` (see DeployBehaviour.statusAddress). */
  const answersTo = (hostIp: string): boolean => {
    const linkLocal = world.deployPayloadHosts.some((h) => h.hostIp === hostIp);
    const ipv4 = world.hosts.some((h) => h.planAddress === hostIp);
    if (behaviour.statusAddress === 'link-local') return linkLocal;
    if (behaviour.statusAddress === 'ipv4') return ipv4;
    return linkLocal || ipv4;
  };
  const notStarted = () =>
    behaviour.idleShape === 'empty'
      ? ok({})
      : ok({
          current_stage: 0,
          msg: null,
          stage_info: null,
          state: 'idle',
          total_stages: deployStages.length,
        });
  return [
    {
      method: 'GET',
      pattern: '/api/v2/deployment/host',
      name: 'deployment.host.scan',
      handler: async (req) => {
        const denied = requireDeploymentToken(req) ?? restarting(req);
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
      request: v2Rules(
        typed(seedLine('003', 62, 'platform')),
        typed(capture('deploy-cluster-payload-converged.json', 'host_passwords')),
      ),
      handler: async (req) => {
        const denied = requireDeploymentToken(req) ?? restarting(req);
        if (denied) return denied;
        // Every POST counts, refused or not: tests prove a resumed bring-up never sends a second one.
        world.state.cluster.deployRequests++;
        const parsed = checkBody(req, deployPayloadSchema, await req.json());
        if (!parsed.ok) return fail(400, 'EINVALID_ARGUMENT', parsed.message);
        // Refused while deploying (also in the idle phase right after the accepted POST: the task
        // exists) and once deployed; the answer shape is a guess (docs/simulator.md).
        if (world.state.cluster.deployed)
          return fail(400, 'ECLUSTER_ALREADY_DEPLOYED', 'hosts are already in a cluster');
        if (run()?.state === 'running')
          return fail(400, 'EDEPLOYMENT_IN_PROGRESS', 'a cluster deployment is already running');
        const errors = checkDeployPayload(parsed.value, world.hosts, arch);
        if (errors.length) return fail(400, 'EINVALID_ARGUMENT', errors.join('; '));
        world.deployPayloadHosts = parsed.value.hosts.map((h) => ({ uuid: h.host_uuid, hostIp: h.host_ip }));
        startDeploy(world, parsed.value);
        world.state.cluster.deployAccepted = ((world.state.cluster.deployAccepted as number) ?? 0) + 1;
        return ok({ msg: 'SUCCEEDED: A new cluster deploying task is on its way now.' });
      },
    },
    {
      method: 'GET',
      pattern: '/api/v2/deployment/host/deploy_status',
      name: 'deployment.deploy_status',
      // Seed 003 asks it with `?host_ip=` ("the host IP passed at deploy time").
      request: {
        ...noBody,
        refusals: [
          {
            status: 400,
            message: 'EINVALID_ARGUMENT host_ip is required',
            source: seedLine('003', 479, 'host_ip='),
          },
        ],
      },
      handler: async (req) => {
        const denied = requireDeploymentToken(req) ?? restarting(req);
        if (denied) return denied;
        const hostIp = req.query.get('host_ip');
        if (!hostIp) return fail(400, 'EINVALID_ARGUMENT', 'host_ip is required');
        const r = run();
        if (!r) return notStarted();
        if (!answersTo(hostIp))
          return fail(404, 'ENOT_FOUND', `host ${hostIp} is not part of the deployment`);
        // The accepted task has not started its first stage yet: the installer still says idle.
        if (r.state === 'running' && sinceStart(r) < behaviour.idleAfterPostSeconds) return notStarted();
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
        requireDeploymentToken(req) ??
        restarting(req) ??
        ok({ is_deployed: world.state.cluster.deployed, platform: 'kvm' }),
    },
  ];
}
