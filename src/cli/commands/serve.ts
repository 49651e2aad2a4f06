// `hci-bringup serve [--host 127.0.0.1] [--port 8080] [--allow-remote]`: the deploy service's HTTP
// API (src/service). Loopback unless the operator says otherwise; HCI_API_TOKEN turns on bearer auth.
import { bilingual, t, tBoth } from '../../i18n/index.js';
import { bool, parseCommand, str, type Command, type CommandSpec } from '../command-spec.js';
import { ALLOWED_HOST_OPTION } from '../allowed-host-option.js';
import { pickLang } from '../pick-lang.js';

const spec: CommandSpec = {
  name: 'serve',
  summary: bilingual('cli.serve.summary'),
  options: {
    host: {
      type: 'string',
      value: '<address>',
      default: '127.0.0.1',
      help: bilingual('cli.serve.opt.host'),
    },
    port: { type: 'string', value: '<port>', default: '8080', help: bilingual('cli.serve.opt.port') },
    ...ALLOWED_HOST_OPTION,
    'allow-remote': {
      type: 'boolean',
      default: false,
      help: bilingual('cli.serve.opt.allowRemote'),
    },
  },
  notes: bilingual('cli.serve.notes'),
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
    console.error(tBoth('cli.badPort'));
    return 2;
  }
  if (host !== 'localhost' && !isLoopback(host) && !bool(values, 'allow-remote')) {
    console.error(tBoth('cli.serve.notLoopback', { host }));
    return 2;
  }
  const token = process.env.HCI_API_TOKEN || undefined;
  if (!token && !isLoopback(host) && host !== 'localhost') {
    console.error(t(lang, 'cli.serve.noToken'));
  }
  const { startDeployService } = await import('../../service/server.js');
  const { connectClient } = await import('../temporal-client.js');
  const { client, close } = await connectClient();
  const { allowedHostList } = await import('../../config/host-header.js');
  const allowedHosts = allowedHostList(str(values, 'allowed-host'));
  const service = await startDeployService({ client, host, port: port.data, token, allowedHosts });
  console.log(
    t(lang, 'cli.serve.listening', {
      url: service.url,
      auth: token ? t(lang, 'cli.serve.authBearer') : t(lang, 'word.none'),
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
