// The option of the loopback services (`serve`, `codec-server`) that names which Host headers they
// answer besides IP literals and localhost (src/config/host-header.ts: DNS rebinding).
import type { OptionSpec } from './command-spec.js';

export const ALLOWED_HOST_OPTION: Record<'allowed-host', OptionSpec> = {
  'allowed-host': {
    type: 'string',
    value: '<names>',
    help: {
      zh: '除 IP 地址和 localhost 外允许出现在 Host 头中的主机名 (逗号分隔; 其他一律拒绝, 防 DNS 重绑定)',
      en: 'host names besides IP addresses and localhost that the Host header may carry (comma separated; others are refused against DNS rebinding)',
    },
  },
};
