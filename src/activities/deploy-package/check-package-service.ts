// Checks the service on one machine (seed 004 CheckServiceStatus, then the named checks): systemd's
// state and main PID first, then HTTP/TCP/process. Polls until all pass or the check window ends (a
// restarted service needs a moment), heartbeating meanwhile. Reports; never fails for an unhealthy
// service: the workflow decides (rollback).
import { Context } from '@temporalio/activity';
import { remoteStep } from '../support/failures.js';
import { appChecks } from './app-checks.js';
import { currentVersionCommand, layoutOf, tail } from './layout.js';
import { withMachine } from './machine.js';
import type { MachineCheck, MachineRequest, PackageChecks } from '../../run/deploy-package.js';

export async function checkPackageService(
  req: MachineRequest & { checks: PackageChecks },
): Promise<MachineCheck> {
  const l = layoutOf(req.service);
  return remoteStep(`check ${req.service} on ${req.target.name}`, () =>
    withMachine(req, async (m) => {
      const deadline = Date.now() + req.checks.timeoutSeconds * 1000;
      for (let attempt = 1; ; attempt++) {
        const st = await m.root(
          `systemctl is-active ${l.q(req.service)}; systemctl show -p MainPID --value ${l.q(req.service)}; ${currentVersionCommand(req.service)}`,
        );
        const [state = 'unknown', pid = '0', version = ''] = st.output.trim().split('\n');
        const serviceCheck = {
          name: 'service_status',
          status: state === 'active' ? ('healthy' as const) : ('unhealthy' as const),
          message: `systemctl is-active: ${state}${state === 'active' ? ` (PID ${pid})` : ''}`,
        };
        const left = Math.max(1000, deadline - Date.now());
        const checks =
          state === 'active'
            ? [serviceCheck, ...(await appChecks(req.run, m, req.target, req.checks, Math.min(5000, left)))]
            : [serviceCheck];
        const healthy = checks.every((c) => c.status === 'healthy');
        Context.current().heartbeat({ attempt, healthy });
        if (healthy || Date.now() >= deadline) {
          const status = healthy
            ? { code: 0, output: '' }
            : await m.root(
                `systemctl status ${l.q(req.service)}; tail -n 5 /var/log/${req.service}/*.log 2>/dev/null`,
              );
          return {
            healthy,
            serviceStatus: state,
            pid: Number(pid) || 0,
            version: version || undefined,
            checks,
            exitCode: healthy ? 0 : status.code || 1,
            outputTail: tail(status.output),
          };
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }),
  );
}
