// The option of the loopback services (`serve`, `codec-server`) that names which Host headers they
// answer besides IP literals and localhost (src/config/host-header.ts: DNS rebinding).
import type { OptionSpec } from './command-spec.js';
import { bilingual } from '../i18n/index.js';

export const ALLOWED_HOST_OPTION: Record<'allowed-host', OptionSpec> = {
  'allowed-host': {
    type: 'string',
    value: '<names>',
    help: bilingual('cli.opt.allowedHost'),
  },
};
