// `hci-bringup serve [--host 127.0.0.1] [--port 8080] [--allow-remote]`: the deploy service's HTTP
// API (src/service). Loopback unless the operator says otherwise; HCI_API_TOKEN turns on bearer auth.
import { say } from '../../i18n/index.js';
import { bool, parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { ALLOWED_HOST_OPTION } from '../allowed-host-option.js';
import { pickLang } from '../pick-lang.js';

const spec: CommandSpec = {
  name: 'serve',
  summary: {
    zh: '启动部署服务 HTTP API (部署信息、健康检查、日志、指标)',
    en: 'serve the deploy HTTP API (deployment info, health, logs, metrics)',
  },
  options: {
    host: {
      type: 'string',
      value: '<address>',
      default: '127.0.0.1',
      help: {
        zh: '监听地址 (非回环地址需 --allow-remote)',
        en: 'listen address (non-loopback needs --allow-remote)',
      },
    },
    port: { type: 'string', value: '<port>', default: '8080', help: { zh: '监听端口', en: 'listen port' } },
    ...ALLOWED_HOST_OPTION,
    'allow-remote': {
      type: 'boolean',
      default: false,
      help: {
        zh: '允许监听非回环地址 (请同时设置 HCI_API_TOKEN)',
        en: 'allow a non-loopback listen address (set HCI_API_TOKEN too)',
      },
    },
  },
  notes: {
    zh: '设置 HCI_API_TOKEN 后，每个请求都需要 Authorization: Bearer <token>，否则返回 401。接口说明: docs/deploy-service.md',
    en: 'with HCI_API_TOKEN set, every request needs Authorization: Bearer <token>, else 401. API: docs/deploy-service.md',
  },
  examples: [
    'hci-bringup serve',
    'HCI_API_TOKEN=… hci-bringup serve --host 0.0.0.0 --port 8080 --allow-remote',
  ],
};

export const serveCommand: Command = { spec, run: runServeCommand };

async function runServeCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(spec, argv);
  const lang = pickLang(str(values, 'lang'));
  const host = str(values, 'host') ?? '127.0.0.1';
  const { z } = await import('zod');
  const { isLoopback } = await import('../../smartx/endpoints.js');
  const port = z.coerce.number().int().min(0).max(65535).safeParse(str(values, 'port'));
  if (!port.success) {
    console.error('错误: --port 需要 0-65535 的整数 / error: --port needs a whole number 0-65535');
    return 2;
  }
  if (host !== 'localhost' && !isLoopback(host) && !bool(values, 'allow-remote')) {
    console.error(
      `错误: ${host} 不是回环地址；确需对外监听请加 --allow-remote 并设置 HCI_API_TOKEN / error: ${host} is not a loopback address; to listen on it, add --allow-remote and set HCI_API_TOKEN`,
    );
    return 2;
  }
  const token = process.env.HCI_API_TOKEN || undefined;
  if (!token && !isLoopback(host) && host !== 'localhost') {
    console.error(
      say(lang, {
        zh: '警告: 未设置 HCI_API_TOKEN，非回环地址上的接口无需认证',
        en: 'warning: HCI_API_TOKEN is not set; the API answers anyone who reaches this address',
      }),
    );
  }
  const { startDeployService } = await import('../../service/server.js');
  const { connectClient } = await import('../temporal-client.js');
  const { client, close } = await connectClient();
  const { allowedHostList } = await import('../../config/host-header.js');
  const allowedHosts = allowedHostList(str(values, 'allowed-host'));
  const service = await startDeployService({ client, host, port: port.data, token, allowedHosts });
  console.log(
    say(lang, {
      zh: `部署服务已启动: ${service.url} (认证: ${token ? 'Bearer 令牌' : '无'})`,
      en: `deploy service listening on ${service.url} (auth: ${token ? 'bearer token' : 'none'})`,
    }),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await service.close();
  await close();
  return 0;
}
