import { missingArgument, parseCommand, str } from './command-spec.js';
import { pickLang, say } from './lang.js';
import { reportSpec } from './specs.js';
import { connectClient } from './temporal-client.js';
import { writeRunReport } from '../report/write.js';

export async function runReportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommand(reportSpec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [workflowId] = positionals;
  if (!workflowId) {
    console.error(missingArgument(reportSpec, lang, '<workflow-id>'));
    return 2;
  }
  const { client, close } = await connectClient();
  try {
    const { file, status } = await writeRunReport(client, workflowId, lang, str(values, 'out'));
    console.log(
      say(lang, {
        zh: `已写出报告 ${file}${status === 'RUNNING' ? ' (运行尚未结束，报告为当前进度)' : ''}`,
        en: `report written to ${file}${status === 'RUNNING' ? ' (the run is still in progress)' : ''}`,
      }),
    );
    return 0;
  } finally {
    await close();
  }
}
