// The opening every command about one run shares (status, watch, retry, report, cleanup, rollback):
// its id as the first argument, the exit code 2 and the usage when it is missing, then a Temporal
// client that is closed whatever the command's work ends in.
import type { Client } from '@temporalio/client';
import type { Lang } from '../i18n/index.js';
import { missingArgument, parseCommand, str, type CommandSpec, type ParsedValues } from './command-spec.js';
import { pickLang } from './pick-lang.js';

export interface RunCommand {
  client: Client;
  /** The first positional argument: a run's workflow id (a deployment id for rollback). */
  runId: string;
  lang: Lang;
  values: ParsedValues;
}

/** Parses argv by the spec and runs `work` with a connected client; resolves to its exit code. */
export async function withRunClient(
  spec: CommandSpec,
  argv: string[],
  work: (run: RunCommand) => Promise<number>,
): Promise<number> {
  const { values, positionals } = parseCommand(spec, argv);
  const lang = pickLang(str(values, 'lang'));
  const [runId] = positionals;
  if (!runId) {
    console.error(missingArgument(spec, lang, spec.args ?? ''));
    return 2;
  }
  // Loaded on use: `--help` never loads the Temporal client.
  const { connectClient } = await import('./temporal-client.js');
  const { client, close } = await connectClient();
  try {
    return await work({ client, runId, lang, values });
  } finally {
    await close();
  }
}
