// Every `prunelens` subcommand, in the order `--help` lists them.
import type { CliCommand } from '../command';
import { corruptCommand } from './corrupt';
import { analyzeCommand } from './analyze';
import { extractCommand } from './extract';
import { initCommand } from './init';
import { inspectCommand } from './inspect';
import { projectCommand } from './project';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { slurmCommand } from './slurm';
import { validateCommand } from './validate';

export const commands: CliCommand[] = [initCommand, inspectCommand, validateCommand, corruptCommand, extractCommand, slurmCommand, analyzeCommand, projectCommand, reportCommand, serveCommand];
