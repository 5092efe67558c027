// Every `prunelens` subcommand, in the order `--help` lists them.
import type { CliCommand } from '../command';
import { inspectCommand } from './inspect';
import { serveCommand } from './serve';

export const commands: CliCommand[] = [inspectCommand, serveCommand];
