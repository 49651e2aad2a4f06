// The simulator's topology from a planning workbook: the product's plan reader, then the simulator's
// loose reading of the plan (topologyFromPlan). Lives here because the simulator package must not
// import the product; `npm run sim -- --plan` and the real-workbook rehearsal use it.
import { topologyFromPlan, type SimTopology } from '@hci-bringup/simulator';
import { loadPlan } from '../../src/plan/index.js';

export async function topologyFromWorkbook(file: string): Promise<SimTopology> {
  const result = await loadPlan(file);
  if (!result.plan) {
    const first = result.errors.slice(0, 5).map((e) => `${e.sheet}!${e.cell}: ${e.message.en}`);
    throw new Error(`workbook ${file} is not valid:\n  ${first.join('\n  ')}`);
  }
  return topologyFromPlan(result.plan as unknown as Record<string, unknown>);
}
