// Seed 003 §04 "判断cloudtower虚拟机操作系统是否安装完成": the kickstart install is done when VMTools
// answers: GET /api/v2/vms/{uuid} shows guest_info.ga_state "Running" and a guest OS.
import { Context } from '@temporalio/activity';
import type { Vm } from '../../smartx/index.js';
import type { RunContext } from '../../run/input.js';
import { remoteStep } from '../support/failures.js';
import { pollUntil } from '../support/poll.js';
import { fisheyeClient, type Fisheye } from '../support/fisheye.js';

export interface WaitForCloudTowerGuestAgentRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
  vmUuid: string;
}

/**
 * The guest OS the agent reports. Seed 003's prose wants `guest_os_type` other than `unknown`, but its
 * own sample of a ready VM shows `ga_state: Running` with `guest_os_type: unknown` and
 * `guest_info.os_version: openEuler 20.03 (LTS-SP3)`; seed 001 relies on `ga_state` alone. So: agent
 * Running, and the OS from `guest_os_type` when known, else from `guest_info.os_version`.
 */
function guestOsOf(vm: Vm): string | undefined {
  if (vm.guest_info?.ga_state !== 'Running') return undefined;
  const type = vm.guest_os_type?.trim();
  if (type && type.toLowerCase() !== 'unknown') return type;
  const version = vm.guest_info.os_version?.trim();
  return version || undefined;
}

export async function waitForCloudTowerGuestAgent(
  req: WaitForCloudTowerGuestAgentRequest,
): Promise<{ guestOsType: string }> {
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  let last: Vm | undefined;
  const guestOsType = await pollUntil(
    {
      intervalSeconds: req.run.timing.jobPollSeconds,
      timeoutSeconds: req.run.timing.guestAgentTimeoutSeconds,
      what: `wait for the CloudTower VM ${req.vmUuid} on ${req.vip} to finish its OS install (guest agent Running)`,
    },
    async () => {
      last = await remoteStep(`read VM ${req.vmUuid} on ${req.vip}`, () => client.getVm(req.vmUuid));
      return guestOsOf(last);
    },
    () => ({
      vmUuid: req.vmUuid,
      status: last?.status ?? 'unknown',
      gaState: last?.guest_info?.ga_state ?? null,
      guestOsType: last?.guest_os_type ?? null,
    }),
  );
  Context.current().log.info('CloudTower VM guest agent is running', { vmUuid: req.vmUuid, guestOsType });
  return { guestOsType };
}
