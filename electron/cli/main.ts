// `prunelens` entry: parses the subcommand, prints help, maps errors to one line + exit code.
import { parseArgs } from 'node:util';
import { PruneLensError, toErrorPayload } from '../../src-shared/api/errors';
import type { CliCommand, CliIo } from './command';
import { commands } from './commands/index';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function generalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'prunelens — what pruning did to your network\'s robustness',
    '',
    'Usage: prunelens <command> [options]   (prunelens <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Global options: --help, --version, --debug (show stack traces)',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  return [`Usage: prunelens ${command.name} ${command.usage}`, '', command.summary, '', command.help.trim()].join('\n');
}

export async function runCli(argv: string[], io: CliIo, version: string): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const [name, ...rest] = args;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(generalHelp() + '\n');
    return name ? 0 : EXIT_USAGE;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`prunelens ${version}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`prunelens: unknown command '${name}'. Run 'prunelens --help' for the list.\n`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(commandHelp(command) + '\n');
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    io.stderr.write(`prunelens ${name}: ${(error as Error).message}\nUsage: prunelens ${name} ${command.usage}\n`);
    return EXIT_USAGE;
  }
  try {
    const code = await command.run({ ...io, positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | string[] | undefined> });
    return code ?? 0;
  } catch (error) {
    const payload = toErrorPayload(error);
    io.stderr.write(`prunelens ${name}: ${payload.message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(error.stack + '\n');
    if (payload.code === 'bad-request' && error instanceof PruneLensError) io.stderr.write(`Usage: prunelens ${name} ${command.usage}\n`);
    return payload.code === 'cancelled' ? 130 : EXIT_FAILURE;
  }
}
