// `npm run sim`: the simulator package's program, given the product's workbook reader for --plan
// (arguments as in packages/simulator/src/program.ts).
import { runSimulatorProgram } from '@hci-bringup/simulator/program';
import { topologyFromWorkbook } from './lib/workbook-topology.js';

runSimulatorProgram(process.argv.slice(2), topologyFromWorkbook).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`sim: ${err.message}`);
    process.exit(1);
  },
);
