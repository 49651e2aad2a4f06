// `npm run worker [-- --site NAME] [--max-activities N] [--max-workflow-tasks N] [--activity-pollers N]`
// One worker per site: it serves the site's task queue (`hci-bringup.<site>`, or `hci-bringup`
// without a site). HCI_SITE and the HCI_* variables of config/worker-settings.ts stand in for flags.
import { parseArgs } from 'node:util';
import { Runtime } from '@temporalio/worker';
import { createBringUpWorker } from './worker-factory.js';
import { workerConsoleLogger, workerLang } from './worker-console.js';
import { t } from './i18n/index.js';
import { temporalTarget } from './config/temporal-connection.js';
import { siteOf, siteTaskQueue } from './config/site.js';
import { workerSettings, workerSettingSources } from './config/worker-settings.js';
import {
  applyHeapGrowth,
  heapGrowingPercent,
  heapGrowthSource,
  missingMallocEnv,
} from './config/worker-memory.js';

function readOptions(): { site?: string; settings: ReturnType<typeof workerSettings> } {
  const flagOptions = Object.fromEntries(
    Object.values(workerSettingSources).map((s) => [s.flag, { type: 'string' as const }]),
  );
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { site: { type: 'string' }, ...flagOptions },
    strict: true,
  });
  const flags = values as Record<string, string | undefined>;
  const site = siteOf(flags.site);
  return { site, settings: workerSettings(flags) };
}

async function main(): Promise<void> {
  const { site, settings } = readOptions();
  // Before the SDK starts its workflow thread, so that isolate is bounded too (docs/sites.md, "Worker memory").
  const growth = heapGrowingPercent();
  applyHeapGrowth(growth);
  const target = temporalTarget();
  const taskQueue = siteTaskQueue(site);
  console.log(
    t(workerLang(), 'worker.starting', {
      address: target.address,
      namespace: target.namespace,
      taskQueue,
      site: site ?? '-',
      activities: settings.maxConcurrentActivities,
      workflowTasks: settings.maxConcurrentWorkflowTasks,
      pollers: settings.activityTaskPollers,
    }),
  );
  const lang = workerLang();
  const missing = missingMallocEnv();
  console.log(
    t(lang, 'worker.memory', {
      growth: growth > 0 ? `${growth}%` : t(lang, 'worker.memoryV8Growth'),
      env: heapGrowthSource.env,
    }),
  );
  if (missing.length > 0) console.log(t(lang, 'worker.mallocUnset', { names: missing.join(', ') }));
  // Before any connection: the Runtime's logger is fixed once it starts.
  Runtime.install({ logger: workerConsoleLogger() });
  const { worker, connection } = await createBringUpWorker({ target, site, settings });
  // Tests that kill the worker wait for this line before they aim.
  console.log('hci-bringup worker ready');
  try {
    // Worker.run() resolves after SIGINT/SIGTERM once in-flight tasks finished or the grace time passed.
    await worker.run();
  } finally {
    await connection.close();
  }
  console.log('hci-bringup worker stopped');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
