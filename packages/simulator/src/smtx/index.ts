// The SMTX OS side as service modules: deployment API on hosts, Fisheye on hosts and the VIP.
import type { SimServiceModule } from '../core/contract.js';
import type { SimulatorCore } from '../core/runtime.js';
import type { SshService } from '../ssh/index.js';
import { deploymentRoutes } from './deployment.js';
import { networkRoutes } from './fisheye-network.js';
import { settingsRoutes } from './fisheye-settings.js';
import { userRoutes } from './fisheye-users.js';
import { imageRoutes } from './images.js';
import { defaultSmtxOptions, type SmtxOptions } from './options.js';
import { UploadStore } from './upload-store.js';
import { vmRoutes } from './vms.js';
import { SmtxWorld } from './world.js';

interface SmtxService {
  modules: SimServiceModule[];
  world: SmtxWorld;
  uploads: UploadStore;
}

export function createSmtxService(
  core: SimulatorCore,
  ssh: SshService,
  options: Partial<SmtxOptions> = {},
): SmtxService {
  const world = new SmtxWorld(core, ssh, { ...defaultSmtxOptions, ...options });
  const uploads = new UploadStore(world);
  const fisheye = [
    ...userRoutes(world),
    ...settingsRoutes(world),
    ...networkRoutes(world),
    ...imageRoutes(world, uploads),
    ...vmRoutes(world, uploads),
  ];
  return {
    world,
    uploads,
    modules: [
      { roles: ['host'], routes: deploymentRoutes(world) },
      { roles: ['host', 'vip'], routes: fisheye },
    ],
  };
}

export { defaultSmtxOptions, deploymentToken, defaultPasswordCipher, type SmtxOptions } from './options.js';
