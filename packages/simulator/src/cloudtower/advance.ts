// Brings every CloudTower-side state machine up to the current simulated time. Called before each
// request is answered and by the wake-ups scheduled at creation; every step is idempotent.
import type { SimContext } from '../core/contract.js';
import { advanceBackupServices } from './backup/service.js';
import { advanceClusters } from './clusters.js';
import { advanceInspector } from './inspector/advance.js';
import { advanceVlans } from './network.js';
import { advanceInstances } from './obs/instance.js';
import { advancePackages } from './obs/packages.js';
import { advanceTasks } from './tasks.js';
import { registerWaker } from './timing.js';
import { advanceVms } from './vms.js';
import { advanceHosts } from './hosts.js';

export async function advanceAll(ctx: SimContext): Promise<void> {
  advanceTasks(ctx);
  advanceClusters(ctx);
  advanceVlans(ctx);
  advancePackages(ctx);
  await advanceInstances(ctx);
  await advanceBackupServices(ctx);
  await advanceInspector(ctx);
  await advanceVms(ctx);
  advanceHosts(ctx);
}

registerWaker(advanceAll);
