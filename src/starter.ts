#!/usr/bin/env node
// The operator's CLI `hci-bringup`: one entry, one module per command family.
import { runDecisionCommand, runRetryCommand } from './cli/decision-commands.js';
import { pickLang } from './cli/lang.js';
import { runStartCommand } from './cli/start-command.js';
import { runStatusCommand, runWatchCommand } from './cli/watch-command.js';
import { runValidateCommand } from './cli/validate-command.js';
import { runSamplePlanCommand } from './cli/sample-plan-command.js';

interface Command {
  summary: { zh: string; en: string };
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, Command> = {
  validate: {
    summary: {
      zh: '检查规划表 <workbook.xlsx> [--json]',
      en: 'check a planning workbook <workbook.xlsx> [--json]',
    },
    run: runValidateCommand,
  },
  'sample-plan': {
    summary: {
      zh: '生成示例规划表 (全部为回环地址)',
      en: 'write a sample workbook (loopback addresses only)',
    },
    run: runSamplePlanCommand,
  },
  start: {
    summary: {
      zh: '启动部署 --plan <xlsx> --endpoints <map.json>|--direct [--wait] [--obs/--backup auto|ask|skip]',
      en: 'start a bring-up --plan <xlsx> --endpoints <map.json>|--direct [--wait] [--obs/--backup auto|ask|skip]',
    },
    run: runStartCommand,
  },
  watch: { summary: { zh: '实时查看运行 <id>', en: 'follow a run live <id>' }, run: runWatchCommand },
  status: {
    summary: { zh: '查看运行状态 <id> [--json]', en: 'show a run once <id> [--json]' },
    run: runStatusCommand,
  },
  approve: {
    summary: { zh: '批准可选组件 (obs|backup)', en: 'approve an optional component (obs|backup)' },
    run: (argv) => runDecisionCommand('approve', argv),
  },
  skip: {
    summary: { zh: '跳过可选组件 (obs|backup)', en: 'skip an optional component (obs|backup)' },
    run: (argv) => runDecisionCommand('skip', argv),
  },
  retry: {
    summary: { zh: '修复问题后重试失败的步骤', en: 'retry the failed step after fixing its cause' },
    run: runRetryCommand,
  },
};

function usage(lang: 'zh' | 'en'): string {
  const lines = [
    lang === 'zh'
      ? '用法: hci-bringup <命令> [参数] [--lang zh|en]'
      : 'usage: hci-bringup <command> [options] [--lang zh|en]',
    '',
    lang === 'zh' ? '命令:' : 'commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary[lang]}`),
    '',
    lang === 'zh'
      ? 'Temporal 连接: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY/CA (默认 temporal-dev.yaml 的本地开发服务器)'
      : 'Temporal connection: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TLS_CERT/KEY/CA (default: the dev server of temporal-dev.yaml)',
  ];
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const langIndex = argv.indexOf('--lang');
  const lang = pickLang(langIndex >= 0 ? argv[langIndex + 1] : undefined);
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(lang));
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`${lang === 'zh' ? '未知命令' : 'unknown command'}: ${name}\n\n${usage(lang)}`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
