// The simulator as a program: `npm run sim -- --plan <workbook.xlsx> | --hosts N [--speed N]
//  [--faults <file>] [--seed S] [--state <dir>] [--endpoints-out <file>] [--low-ports auto|yes|no]
//  [--admin-port P] [--bandwidth <Mbit/s>]`
// Starts the simulator, prints where each machine listens, writes the endpoint map, runs until
// SIGINT/SIGTERM. Reading a workbook needs the product's plan reader, which this package must not
// import: whoever runs the program passes it (the repository's scripts/sim.ts does).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { faultFileSchema } from './core/faults.js';
import { describeIssues } from './core/envelope.js';
import { builtinTopology, type SimTopology } from './core/topology.js';
import { startSimulator } from './index.js';

const usage = `usage: sim (--plan <workbook.xlsx> | --hosts N) [--speed N] [--faults <file>] [--seed S]
           [--state <dir>] [--endpoints-out <file>] [--low-ports auto|yes|no] [--admin-port P]
           [--all-flash] [--smartx-sudo password|nopasswd] [--bandwidth <Mbit/s>]`;

/** Reads a planning workbook into the topology to simulate (`--plan`). */
export type WorkbookReader = (file: string) => Promise<SimTopology>;

/** Runs the program with its command-line arguments until SIGINT/SIGTERM; returns the exit code. */
export async function runSimulatorProgram(args: string[], readWorkbook?: WorkbookReader): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      plan: { type: 'string' },
      hosts: { type: 'string' },
      speed: { type: 'string', default: '1' },
      faults: { type: 'string' },
      seed: { type: 'string', default: '1' },
      state: { type: 'string', default: path.join('.cache', 'sim') },
      'endpoints-out': { type: 'string' },
      'low-ports': { type: 'string', default: 'auto' },
      'admin-port': { type: 'string' },
      'all-flash': { type: 'boolean', default: false },
      'smartx-sudo': { type: 'string', default: 'nopasswd' },
      bandwidth: { type: 'string', default: '1000' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || (!values.plan && !values.hosts)) {
    console.error(usage);
    return values.help ? 0 : 2;
  }
  let topology: SimTopology;
  if (values.plan) {
    if (!readWorkbook) {
      console.error(
        `--plan needs the planning workbook reader: run \`npm run sim\` in the repository\n${usage}`,
      );
      return 2;
    }
    topology = await readWorkbook(values.plan);
  } else topology = builtinTopology(Number(values.hosts), values['all-flash'] ? 'all-flash' : 'hybrid');
  let faults;
  if (values.faults) {
    const parsed = faultFileSchema.safeParse(JSON.parse(await readFile(values.faults, 'utf8')));
    if (!parsed.success)
      throw new Error(`fault file ${values.faults}: ${describeIssues(parsed.error.issues)}`);
    faults = parsed.data;
  }
  const low = values['low-ports'];
  const sudo = values['smartx-sudo'];
  if (sudo !== 'password' && sudo !== 'nopasswd') {
    console.error(`--smartx-sudo must be password or nopasswd (got ${sudo})\n${usage}`);
    return 2;
  }
  const bandwidth = Number(values.bandwidth);
  if (!(bandwidth >= 0)) {
    console.error(
      `--bandwidth must be a number of Mbit/s, 0 for unlimited (got ${values.bandwidth})\n${usage}`,
    );
    return 2;
  }
  const sim = await startSimulator({
    topology,
    speed: Number(values.speed),
    seed: /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed,
    stateDir: path.resolve(values.state),
    endpointsOut: values['endpoints-out'],
    lowPorts: low === 'yes' ? true : low === 'no' ? false : 'auto',
    adminPort: values['admin-port'] ? Number(values['admin-port']) : undefined,
    faults,
    smartxSudo: sudo,
    siteBandwidthMbps: bandwidth,
    logger: (event, detail) => {
      if (event !== 'listening') console.log(`[sim] ${event}${detail ? ` ${JSON.stringify(detail)}` : ''}`);
    },
  });
  console.log(
    `simulator up (speed ${values.speed}x, ${sim.lowPorts ? 'real ports' : 'high ports'}), admin ${sim.adminUrl}`,
  );
  for (const [plan, e] of Object.entries(sim.endpointMap.endpoints)) {
    const m = sim.core.machines.byPlan(plan);
    const ports = Object.entries(e.ports)
      .map(([real, local]) => `${real}->${local}`)
      .join(' ');
    console.log(
      `  ${(m?.role ?? '').padEnd(10)} ${plan.padEnd(15)} ${e.host.padEnd(13)} ${ports}${m?.open.size ? '' : '  (not up yet)'}`,
    );
  }
  console.log(`endpoint map: ${values['endpoints-out'] ?? path.join(sim.stateDir, 'endpoints.json')}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.stop();
  return 0;
}
