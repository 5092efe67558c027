// Compares two result caches by content: the same shards, each decoding (checksums verified) to
// bit-identical logits and features with the same metadata (write times aside). Lists the
// differences, plus any claim or temp file left behind; empty when the caches are equivalent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ResultCache } from '../../electron/engine/cache/result-cache';
import { filesBelow } from './files-below';

const shardMetas = (root: string) => filesBelow(root, '.json').filter((f) => /shard-\d+\.json$/.test(f)).map((f) => path.relative(root, f));

function sameBytes(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

export async function compareCaches(expectedRoot: string, actualRoot: string): Promise<string[]> {
  const problems: string[] = [];
  const expected = shardMetas(expectedRoot);
  const actual = shardMetas(actualRoot);
  for (const f of expected) if (!actual.includes(f)) problems.push(`missing ${f}`);
  for (const f of actual) if (!expected.includes(f)) problems.push(`unexpected ${f}`);
  for (const leftover of filesBelow(actualRoot, '').filter((f) => /\.claim|\.tmp-/.test(path.basename(f)))) problems.push(`left behind: ${path.relative(actualRoot, leftover)}`);
  // Read by folder name: a float32 ResultCache maps a key to itself, and reads f2 and f4 shards alike.
  const caches = [new ResultCache(expectedRoot, (m) => problems.push(`expected: ${m}`), 'float32'), new ResultCache(actualRoot, (m) => problems.push(`actual: ${m}`), 'float32')];
  for (const f of expected.filter((x) => actual.includes(x))) {
    const key = path.basename(path.dirname(f));
    const shard = Number(/shard-(\d+)\.json$/.exec(f)![1]);
    const metas = [expectedRoot, actualRoot].map((root) => {
      const { createdAt: _ignored, ...meta } = JSON.parse(readFileSync(path.join(root, f), 'utf8')) as Record<string, unknown>;
      return meta;
    });
    if (JSON.stringify(metas[0]) !== JSON.stringify(metas[1])) problems.push(`${f}: metadata differs`);
    const [a, b] = await Promise.all(caches.map((c) => c.readShard(key, shard, metas[0].count as number)));
    if (!a || !b) problems.push(`${f}: unreadable`);
    else if (!sameBytes(a.logits, b.logits) || !sameBytes(a.features, b.features)) problems.push(`${f}: arrays differ`);
  }
  return [...new Set(problems)];
}
