// The one place that brings in the service modules other than SMTX OS (which needs the runtime and
// is built in index.ts). CloudTower, OBS operator, backup and inspector live in ./cloudtower/.
import type { SimServiceModule } from './core/contract.js';
import { cloudTowerModules } from './cloudtower/index.js';
import { webUiModules } from './web-ui.js';

export const externalModules: SimServiceModule[] = [...cloudTowerModules, ...webUiModules];
