// The appliances' web consoles: Fisheye at the cluster VIP, CloudTower, Observability and Backup
// each serve their UI's page at `/`. The page's content is not modelled, only that the address
// answers as the product (200 with HTML), so a health check can tell it from a stray 404.
import type { SimServiceModule } from './core/contract.js';

const page = (title: string) =>
  Buffer.from(`<!doctype html><html><head><title>${title}</title></head><body></body></html>`);

const TITLES = { vip: 'SMTX OS', cloudtower: 'CloudTower', obs: 'Observability', backup: 'SMTX Backup' };

export const webUiModules: SimServiceModule[] = Object.entries(TITLES).map(([role, title]) => ({
  roles: [role as keyof typeof TITLES],
  routes: [
    {
      method: 'GET',
      pattern: '/',
      name: `ui.${role}`,
      handler: async () => ({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: page(title),
      }),
    },
  ],
}));
