// Process entry for the CLI (started by bin/prunelens.mjs): wires stdio, Ctrl-C and exit codes.
import { appVersion } from '../engine/app-version';
import { runCli } from './main';

const controller = new AbortController();
let interrupts = 0;
const onInterrupt = () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  process.stderr.write('\nStopping… (Ctrl-C again to quit at once)\n');
  controller.abort();
};
process.on('SIGINT', onInterrupt);
process.on('SIGTERM', onInterrupt);

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal }, appVersion);
// Commands resolve when their work is done (serve: when stopped); exit so idle workers and
// handles cannot keep the process alive.
setImmediate(() => process.exit(code));
