// Seed 003 §03 "配置CPU兼容性": recommended model → PUT → GET to verify.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { RunContext } from '../../run/input.js';
import { FailureType, remoteStep } from '../support/failures.js';
import { fisheyeClient, type Fisheye } from './fisheye.js';

export interface ConfigureCpuCompatibilityRequest {
  run: RunContext;
  vip: string;
  fisheye: Fisheye;
}

/** Sets the cluster's CPU compatibility to the first recommended model, unless it already is. */
export async function configureCpuCompatibility(
  req: ConfigureCpuCompatibilityRequest,
): Promise<{ cpuModel: string; changed: boolean }> {
  const log = Context.current().log;
  const client = fisheyeClient(req.run, req.vip, req.fisheye);
  const step = `configure CPU compatibility on ${req.vip}`;
  return remoteStep(step, async () => {
    const models = await client.recommendedCpuModels();
    const cpuModel = models[0];
    if (!cpuModel) {
      throw ApplicationFailure.create({
        type: FailureType.remoteRejected,
        nonRetryable: true,
        message: `${step}: GET /api/v2/elf/cluster_recommended_cpu_models answered no model. Fix: check that every host is up and reports its CPU, then retry the stage.`,
      });
    }
    const current = await client.getCpuCompatibility();
    if (current === cpuModel) {
      log.info('CPU compatibility already set', { vip: req.vip, cpuModel });
      return { cpuModel, changed: false };
    }
    await client.setCpuCompatibility(cpuModel);
    const verified = await client.getCpuCompatibility();
    if (verified !== cpuModel) {
      throw ApplicationFailure.create({
        type: FailureType.remoteFailed,
        message: `${step}: set ${cpuModel} (the recommended model) but the cluster reports ${verified ?? 'none'}. Fix: check the CPU compatibility in the SMTX OS console; the step is retried.`,
      });
    }
    log.info('CPU compatibility set', { vip: req.vip, cpuModel, previous: current ?? null });
    return { cpuModel, changed: true };
  });
}
