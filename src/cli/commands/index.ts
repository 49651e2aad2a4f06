// Every command of `hci-bringup`, in the order `hci-bringup --help` lists them; the starter dispatches
// from this list. A command is one file here (its spec and its handler) and one line below.
// The files import only what their spec and help need at the top and load the rest when they run,
// so `--help`, `--version` and usage errors stay instant (no Temporal client, no workbook reader).
import type { Command } from '../command-spec.js';
import { approveCommand } from './approve.js';
import { cancelCommand } from './cancel.js';
import { cleanupCommand } from './cleanup.js';
import { codecServerCommand } from './codec-server.js';
import { deployPackageCommand } from './deploy-package.js';
import { listCommand } from './list.js';
import { reportCommand } from './report.js';
import { retryCommand } from './retry.js';
import { rollbackCommand } from './rollback.js';
import { samplePackagesCommand } from './sample-packages.js';
import { scaleCommand } from './scale.js';
import { samplePlanCommand } from './sample-plan.js';
import { serveCommand } from './serve.js';
import { skipCommand } from './skip.js';
import { startCommand } from './start.js';
import { statusCommand } from './status.js';
import { validateCommand } from './validate.js';
import { watchCommand } from './watch.js';

export const COMMANDS: readonly Command[] = [
  validateCommand,
  samplePlanCommand,
  samplePackagesCommand,
  startCommand,
  listCommand,
  watchCommand,
  statusCommand,
  approveCommand,
  skipCommand,
  retryCommand,
  cancelCommand,
  reportCommand,
  cleanupCommand,
  serveCommand,
  deployPackageCommand,
  rollbackCommand,
  scaleCommand,
  codecServerCommand,
];
