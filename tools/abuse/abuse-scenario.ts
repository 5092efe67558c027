// The serve-mode abuse scenario, shared by the CI test (abuse.test.ts): a confined server on
// 127.0.0.1 with hostile bundles (zip and gzip bombs), a slow reader, clients that disconnect
// mid-call and 20 normal clients, all at once, while a probe client pings and RSS is sampled.
// Everything is bounded (fixed loop counts) and stops by itself.
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEngine } from '../../electron/engine/engine';
import { confineEngine, createPathConfinement } from '../../electron/server/confine';
import { startServer } from '../../electron/server/serve';
import type { RunningServer } from '../../electron/server/serve';
import { connectRpc } from '../../electron/server/testing/ws-rpc-client';
import type { RpcSocket } from '../../electron/server/testing/ws-rpc-client';
import { writeFixtureBundle } from '../testing/fixture-bundle';
import { buildZip, gzipAround, zeroDeflateStream } from './bombs';

const MiB = 1024 * 1024;
export const TOKEN = 'abuse-suite-token-0123456789';

export interface AbuseBundles {
  root: string;
  normal: string;
  zipBombs: string[];
  idxBomb: string;
}

/** A normal bundle, three .plbundle files whose models inflate past their declared 96 MiB, and a bundle whose labels are a gzip bomb. */
export function writeAbuseBundles(): AbuseBundles {
  const root = realpathSync(mkdtempSync(path.join(tmpdir(), 'prunelens-abuse-')));
  const normal = writeFixtureBundle({ dir: path.join(root, 'normal') });
  const manifest = readFileSync(path.join(normal, 'bundle.json'));
  const stream = zeroDeflateStream(1024 * MiB);
  const zipBombs = [0, 1, 2].map((k) => {
    const file = path.join(root, `bomb-${k}.plbundle`);
    writeFileSync(
      file,
      buildZip(
        [{ data: manifest, method: 0 }, { data: stream, method: 8 }, { data: stream, method: 8 }],
        [{ name: 'bundle.json', blob: 0 }, { name: 'models/dense.onnx', blob: 1, uncompressedSize: 96 * MiB }, { name: 'models/pruned.onnx', blob: 2, uncompressedSize: 96 * MiB }],
      ),
    );
    return file;
  });
  const idxBomb = writeFixtureBundle({ dir: path.join(root, 'idx-bomb') });
  mkdirSync(path.join(idxBomb, 'data'), { recursive: true });
  writeFileSync(path.join(idxBomb, 'data', 'labels-idx1-ubyte.gz'), gzipAround(zeroDeflateStream(512 * MiB), 512 * MiB));
  const bombManifest = JSON.parse(manifest.toString());
  bombManifest.data.clean.labels = 'data/labels-idx1-ubyte.gz';
  writeFileSync(path.join(idxBomb, 'bundle.json'), JSON.stringify(bombManifest));
  return { root, normal, zipBombs, idxBomb };
}

export async function startAbuseServer(root: string): Promise<RunningServer> {
  const engine = confineEngine(createEngine({ transport: 'serve', startupBundle: null, cacheDir: path.join(root, '.cache') }), await createPathConfinement([root], root));
  return startServer({ engine, staticDir: root, port: 0, token: TOKEN });
}

export function connect(server: RunningServer): Promise<RpcSocket> {
  return connectRpc(`ws://127.0.0.1:${server.port}/ws`, { Authorization: `Bearer ${TOKEN}` });
}

export interface ProbeReport {
  pings: number;
  maxPingMs: number;
  peakRssBytes: number;
}

/** Pings (getAppInfo) one at a time every 20 ms until `stop` resolves; records the slowest answer and the peak RSS. */
export async function probe(server: RunningServer, stop: Promise<unknown>): Promise<ProbeReport> {
  const socket = await connect(server);
  let done = false;
  void stop.finally(() => (done = true));
  const report: ProbeReport = { pings: 0, maxPingMs: 0, peakRssBytes: process.memoryUsage().rss };
  while (!done) {
    const started = performance.now();
    const answer = await socket.call('getAppInfo', {});
    if (answer.kind !== 'result') throw new Error(`probe got ${JSON.stringify(answer)}`);
    report.maxPingMs = Math.max(report.maxPingMs, performance.now() - started);
    report.pings++;
    report.peakRssBytes = Math.max(report.peakRssBytes, process.memoryUsage().rss);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  socket.close();
  return report;
}
