// The layer rules must actually fail the lint: each fixture is linted as if it lived in a layer.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules (docs/ARCHITECTURE.md)', () => {
  const cases: [string, string, boolean][] = [
    ["import fs from 'node:fs';\nexport const x = fs;\n", 'src-shared/formats/bad-fixture.ts', false],
    ["import { app } from 'electron';\nexport const x = app;\n", 'src-shared/api/bad-fixture.ts', false],
    ["import { x } from '../../renderer/src/app';\nexport const y = x;\n", 'src-shared/api/bad-fixture.ts', false],
    ["import { createEngine } from '../../electron/engine/engine';\nexport const y = createEngine;\n", 'renderer/src/bad-fixture.ts', false],
    ["import { readFile } from 'fs/promises';\nexport const y = readFile;\n", 'renderer/src/bad-fixture.ts', false],
    ["import * as ort from 'onnxruntime-node';\nexport const y = ort;\n", 'renderer/src/bad-fixture.ts', false],
    ["import { app } from 'electron';\nexport const y = app;\n", 'electron/engine/bad-fixture.ts', false],
    ["import { app } from 'electron';\nexport const y = app;\n", 'electron/cli/bad-fixture.ts', false],
    ["import { App } from '../../renderer/src/app';\nexport const y = App;\n", 'electron/server/bad-fixture.ts', false],
    // Allowed directions.
    ["import { app } from 'electron';\nexport const y = app;\n", 'electron/shell/good-fixture.ts', true],
    ["import { z } from 'zod';\nexport const y = z;\n", 'src-shared/api/good-fixture.ts', true],
    ["import { apiMethods } from '../../src-shared/api/contract';\nexport const y = apiMethods;\n", 'renderer/src/good-fixture.ts', true],
    ["import { pickNearest } from '../views/three-d/pick';\nexport const y = pickNearest;\n", 'renderer/src/workers/bad-fixture.ts', false],
    ["import fs from 'node:fs';\nexport const y = fs;\n", 'renderer/src/compute/bad-fixture.ts', false],
    ["import { categoryColors } from '../state/categories';\nexport const y = categoryColors;\n", 'renderer/src/compute/good-fixture.ts', true],
    ["import fs from 'node:fs';\nexport const y = fs;\n", 'electron/engine/good-fixture.ts', true],
    // Layers inside src-shared: base stands on nothing; analysis and projection never on api.
    ["import type { EvaluationTable } from '../api/result-types';\nexport type T = EvaluationTable;\n", 'src-shared/analysis/bad-fixture.ts', false],
    ["import { PruneLensError } from '../api/errors';\nexport const y = PruneLensError;\n", 'src-shared/projection/bad-fixture.ts', false],
    ["import fs from 'node:fs';\nexport const y = fs;\n", 'src-shared/analysis/bad-fixture.ts', false],
    ["import { formatPercent } from '../util/format';\nexport const y = formatPercent;\n", 'src-shared/base/bad-fixture.ts', false],
    ["import type { SetRef } from '../api/result-types';\nexport type T = SetRef;\n", 'src-shared/base/bad-fixture.ts', false],
    ["import { PruneLensError } from '../base/errors';\nexport const y = PruneLensError;\n", 'src-shared/analysis/good-fixture.ts', true],
    ["import { createRng } from '../base/rng';\nexport const y = createRng;\n", 'src-shared/projection/good-fixture.ts', true],
    ["import { PruneLensError } from './errors';\nexport const y = PruneLensError;\n", 'src-shared/base/good-fixture.ts', true],
    ["import type { EvaluationTable } from '../api/result-types';\nexport type T = EvaluationTable;\n", 'src-shared/findings/good-fixture.ts', true],
  ];

  it.each(cases)('%s in %s → allowed: %s', async (code, file, allowed) => {
    const ids = await ruleIds(code, file);
    if (allowed) expect(ids).toEqual([]);
    else expect(ids).toContain('no-restricted-imports');
  });

  it('enforces kebab-case file names', async () => {
    expect(await ruleIds('export const a = 1;\n', 'src-shared/api/ModelCard.ts')).toContain('prunelens/file-naming');
    expect(await ruleIds('export const a = 1;\n', 'src-shared/api/model_card.ts')).toContain('prunelens/file-naming');
    expect(await ruleIds('export const a = 1;\n', 'src-shared/api/model-card.test.ts')).toEqual([]);
  });

  it('the committed bad-import fixture fails the lint', async () => {
    const dir = path.join(root, 'tools', 'lint', 'fixtures');
    for (const name of readdirSync(dir)) {
      const [layerPath, code] = readFileSync(path.join(dir, name), 'utf8').split('\n---\n');
      expect(await ruleIds(code, layerPath.trim()), name).toContain('no-restricted-imports');
    }
  });
});
