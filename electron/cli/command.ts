// The shape of one `prunelens` subcommand. Each lives in its own module under commands/.
import type { ParseArgsConfig } from 'node:util';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export interface CliContext extends CliIo {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Usage lines after `prunelens <name>`, e.g. `<model.onnx> [--json]`. */
  usage: string;
  /** Longer help: options and examples. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code (0 when omitted). Throws PruneLensError for user-facing failures. */
  run(context: CliContext): Promise<number | void>;
}
