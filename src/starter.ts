#!/usr/bin/env node
// The operator's CLI `hci-bringup`: one entry over the command list (cli/commands/index.ts, one file
// per command with its options, help and handler). This entry answers --help/--version, turns bad
// command lines into a bilingual usage error (exit 2) and client errors into operator messages.
import { readFileSync } from 'node:fs';
import { commandHelp, parseCommand, UsageError, wantsHelp } from './cli/command-spec.js';
import { COMMANDS } from './cli/commands/index.js';
import { formatTable } from './cli/columns.js';
import { pickLang } from './cli/pick-lang.js';
import { t, tBoth, type Lang } from './i18n/index.js';

/** The version of the installed package (package.json two levels above dist/src/starter.js). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function usage(lang: Lang): string {
  return [
    t(lang, 'cli.help.topUsage'),
    '',
    t(lang, 'cli.help.commands'),
    formatTable(COMMANDS.map((c) => [`  ${c.spec.name}`, c.spec.summary[lang]])),
    '',
    t(lang, 'cli.help.perCommand'),
    t(lang, 'cli.help.temporalConnection'),
  ].join('\n');
}

/** --lang anywhere on the line, else $HCI_LANG, else zh; an unknown value is a usage error. */
function langOf(argv: string[]): Lang | undefined {
  const i = argv.indexOf('--lang');
  const eq = argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  try {
    return pickLang(i >= 0 ? argv[i + 1] : eq);
  } catch {
    return undefined;
  }
}

async function main(argv: string[]): Promise<number> {
  const lang = langOf(argv);
  if (!lang) {
    console.error(tBoth('cli.badLang'));
    return 2;
  }
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(packageVersion());
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help' || name === '--lang') {
    console.log(usage(lang));
    return 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (!command) {
    console.error(`${tBoth('cli.unknownCommand', { name })}\n\n${usage(lang)}`);
    return 2;
  }
  if (wantsHelp(rest)) {
    console.log(commandHelp(command.spec, lang));
    return 0;
  }
  try {
    // Parsed here once with the command's own spec, so a bad line never reaches the command.
    parseCommand(command.spec, rest);
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.explain()}\n\n${commandHelp(command.spec, lang)}`);
      return 2;
    }
    const { explainClientError } = await import('./cli/errors.js');
    const explained = explainClientError(err);
    if (explained) {
      console.error(explained);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
