// `hci-bringup serve [--host 127.0.0.1] [--port 8080] [--allow-remote]`: the deploy service's HTTP
// API (src/service). Loopback unless the operator says otherwise; HCI_API_TOKEN turns on bearer auth.
import { z } from 'zod';
import { startDeployService } from '../service/server.js';
import { isLoopback } from '../smartx/endpoints.js';
import { bool, parseCommand, str } from './command-spec.js';
import { pickLang, say } from './lang.js';
import { serveSpec } from './specs.js';
import { connectClient } from './temporal-client.js';

const portSchema = z.coerce.number().int().min(0).max(65535);

export async function runServeCommand(argv: string[]): Promise<number> {
  const { values } = parseCommand(serveSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const host = str(values, 'host') ?? '127.0.0.1';
  const port = portSchema.safeParse(str(values, 'port'));
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
  const { client, close } = await connectClient();
  const service = await startDeployService({ client, host, port: port.data, token });
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
