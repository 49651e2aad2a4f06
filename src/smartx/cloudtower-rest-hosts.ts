// CloudTower REST v2 hosts and maintenance mode, shapes as SmartX's SDKs document them (HostApi):
// `get-hosts`; `enter-maintenance-mode-precheck` (EnterMaintenanceModeCheckParams `{where}` →
// `{task_id}`); `enter-maintance-mode-precheck-result` (`{where: {task_id}}` →
// EnterMaintenanceModeResult `{shutdownVms, done}`); `enter-maintance-mode` and `exit-maintance-mode`
// (`{data, where: {host_id}}` → WithTask<Host>). "maintance" is the SDKs' own spelling of those three
// paths; the precheck is spelled right. A host's maintenance state is `host_state.state`
// (MaintenanceModeEnum: IN_USE, ENTERING_MAINTENANCE_MODE, MAINTENANCE_MODE, REMOVING).
import { z } from 'zod';
import type { CloudTowerRestClient } from './cloudtower-rest.js';

const hostSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  management_ip: z.string().nullish(),
  status: z.string().nullish(),
  cluster: z.looseObject({ id: z.string(), name: z.string().nullish() }).nullish(),
  host_state: z
    .looseObject({
      state: z.string(),
      maintenance_job_id: z.string().nullish(),
      enter_maintenance_time: z.string().nullish(),
    })
    .nullish(),
  entityAsyncStatus: z.string().nullish(),
});

const precheckResultSchema = z.looseObject({
  shutdownVms: z.array(z.looseObject({ vm_uuid: z.string() })),
  done: z.boolean(),
});

const withTaskHost = z.looseObject({ task_id: z.string().nullish(), data: hostSchema.nullish() });

export type TowerHost = z.infer<typeof hostSchema>;
export type MaintenancePrecheckResult = z.infer<typeof precheckResultSchema>;

/** The maintenance state of a host as CloudTower lists it (no host_state: not in maintenance). */
export function maintenanceState(host: TowerHost): string {
  return host.host_state?.state ?? 'IN_USE';
}

/** Host maintenance operations, on a logged-in REST client (same token, same re-login on 401). */
export class CloudTowerHostApi {
  constructor(private readonly rest: CloudTowerRestClient) {}

  private post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.infer<S>> {
    return this.rest.http.call({ method: 'POST', path, json: body, parse: 'json', schema });
  }

  /** POST /v2/api/get-hosts {where} → hosts with their `host_state`. */
  getHosts(where: Record<string, unknown>): Promise<TowerHost[]> {
    return this.post('/v2/api/get-hosts', { where }, z.array(hostSchema));
  }

  /** POST /v2/api/get-vms {where: {host: {id}}} → the VMs CloudTower places on the host (Vm.ips). */
  getVmsOnHost(hostId: string): Promise<{ id: string; name: string; ips?: string | null }[]> {
    return this.post(
      '/v2/api/get-vms',
      { where: { host: { id: hostId } } },
      z.array(z.looseObject({ id: z.string(), name: z.string(), ips: z.string().nullish() })),
    );
  }

  /** POST /v2/api/enter-maintenance-mode-precheck {where: {id}} → the precheck's task id. */
  async precheck(hostId: string): Promise<string> {
    const out = await this.post(
      '/v2/api/enter-maintenance-mode-precheck',
      { where: { id: hostId } },
      z.looseObject({ task_id: z.string() }),
    );
    return out.task_id;
  }

  /** POST /v2/api/enter-maintance-mode-precheck-result {where: {task_id}} → `{shutdownVms, done}`. */
  precheckResult(taskId: string): Promise<MaintenancePrecheckResult> {
    return this.post(
      '/v2/api/enter-maintance-mode-precheck-result',
      { where: { task_id: taskId } },
      precheckResultSchema,
    );
  }

  /** POST /v2/api/enter-maintance-mode; no VM is shut down (`shutdown_vms: []`): VMs migrate away. */
  enter(hostId: string): Promise<z.infer<typeof withTaskHost>> {
    return this.post(
      '/v2/api/enter-maintance-mode',
      { data: { shutdown_vms: [] }, where: { host_id: hostId } },
      withTaskHost,
    );
  }

  /** POST /v2/api/exit-maintance-mode; nothing asked to power on or migrate back (empty `data`). */
  exit(hostId: string): Promise<z.infer<typeof withTaskHost>> {
    return this.post('/v2/api/exit-maintance-mode', { data: {}, where: { host_id: hostId } }, withTaskHost);
  }
}
