import { proxyActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { ApplicationFailure } from '@temporalio/common';
import type * as activities from '../activities/index.js';
import { progressQuery } from './messages.js';
import { bringUpStageKey } from './search-attributes.js';
import { initialProgress, type BringUpProgress, type StageId } from './stages.js';
import type { PortProbe } from '../activities/network-probe.js';

export interface BringUpInput {
  clusterName: string;
  /** Address:port pairs that must answer before anything is touched. */
  mustAnswer: PortProbe[];
  /** Address:port pairs that must still be free (VIP, CloudTower, ...). */
  mustBeFree: PortProbe[];
}

export interface BringUpResult {
  clusterName: string;
  progress: BringUpProgress;
}

// Prechecks are fast TCP connects; a few quick retries absorb a flaky laptop link.
const { probeTcpPorts } = proxyActivities<typeof activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2s', maximumAttempts: 3 },
});

export async function bringUpWorkflow(input: BringUpInput): Promise<BringUpResult> {
  const progress = initialProgress(input.clusterName);
  setHandler(progressQuery, () => progress);

  const enter = (id: StageId, step: string) => {
    const stage = progress.stages.find((s) => s.id === id)!;
    stage.status = 'running';
    stage.step = step;
    stage.startedAt ??= new Date(Date.now()).toISOString();
    progress.phase = id;
    progress.currentStep = step;
    upsertSearchAttributes([{ key: bringUpStageKey, value: id }]);
  };
  const finish = (id: StageId) => {
    const stage = progress.stages.find((s) => s.id === id)!;
    stage.status = 'done';
    stage.finishedAt = new Date(Date.now()).toISOString();
  };

  enter('prepare', 'probe-addresses');
  const answered = await probeTcpPorts(input.mustAnswer);
  const taken = await probeTcpPorts(input.mustBeFree);
  const problems = [
    ...answered
      .filter((r) => !r.open)
      .map((r) => `${r.address}:${r.port} does not answer (${r.reason ?? 'closed'})`),
    ...taken.filter((r) => r.open).map((r) => `${r.address}:${r.port} is already in use but must be free`),
  ];
  if (problems.length > 0) {
    const stage = progress.stages.find((s) => s.id === 'prepare')!;
    stage.status = 'failed';
    stage.error = problems.join('; ');
    progress.lastError = stage.error;
    progress.phase = 'failed:prepare';
    upsertSearchAttributes([{ key: bringUpStageKey, value: progress.phase }]);
    throw ApplicationFailure.nonRetryable(`prepare/probe-addresses: ${stage.error}`, 'PrecheckFailed');
  }
  finish('prepare');
  progress.phase = 'done';
  upsertSearchAttributes([{ key: bringUpStageKey, value: 'done' }]);
  return { clusterName: input.clusterName, progress };
}
