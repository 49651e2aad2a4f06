// The workflow of the cluster throughput bench: a chain of tiny activities, so the cost measured is
// the cluster's (history events written, tasks dispatched), not the work.
import { proxyActivities } from '@temporalio/workflow';

const { step } = proxyActivities<{ step(i: number): Promise<number> }>({
  startToCloseTimeout: '1 minute',
});

export async function throughputWorkflow(steps: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += await step(i);
  return sum;
}
