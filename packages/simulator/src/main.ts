// The simulator program on its own (`node packages/simulator/dist/src/main.js --hosts N …`): the
// built-in topology only; `npm run sim` at the repository root runs the same program with --plan.
import { runSimulatorProgram } from './program.js';

runSimulatorProgram(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`sim: ${err.message}`);
    process.exit(1);
  },
);
