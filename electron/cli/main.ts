// `prunelens` entry: parses the subcommand, prints help, maps errors to one line + exit code.
import { parseArgs } from 'node:util';
import { PruneLensError, toErrorPayload } from '../../src-shared/base/errors';
import type { CliCommand, CliIo } from './command';
import { commands } from './commands/index';
import { closestOption } from './did-you-mean';

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
    const near = closestOption(name, commands.map((c) => c.name));
    io.stderr.write(`prunelens: unknown command '${name}'.${near ? ` Did you mean '${near}'?` : ''} Run 'prunelens --help' for the list.\n`);
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
    io.stderr.write(`prunelens ${name}: ${argumentError(error as Error & { code?: string }, command)}\nUsage: prunelens ${name} ${command.usage}\n`);
    return EXIT_USAGE;
  }
  try {
    const code = await command.run({ ...io, positionals: parsed.positionals, values: parsed.values as Record<string, string | boolean | string[] | undefined> });
    return code ?? 0;
  } catch (error) {
    const payload = toErrorPayload(error);
    io.stderr.write(`prunelens ${name}: ${payload.message}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr.write(error.stack + '\n');
    // A bad request is a usage error (a missing or invalid argument): exit 2, as the README says.
    if (payload.code === 'bad-request' && error instanceof PruneLensError) {
      io.stderr.write(`Usage: prunelens ${name} ${command.usage}\n`);
      return EXIT_USAGE;
    }
    return payload.code === 'cancelled' ? 130 : EXIT_FAILURE;
  }
}

/** parseArgs' message, with "Did you mean --limit?" for an unknown option (its own text is about positionals). */
function argumentError(error: Error & { code?: string }, command: CliCommand): string {
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error.message;
  const typed = /'(-[^']*)'/.exec(error.message)?.[1] ?? '';
  const known = [...Object.keys(command.options), 'help', 'debug'];
  const near = closestOption(typed, known);
  return `Unknown option '${typed}'. ${near ? `Did you mean --${near}?` : `Options: ${known.map((o) => `--${o}`).join(', ')}.`}`;
}
