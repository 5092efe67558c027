// Corruption engine throughput: images per second for every corruption at severity 3, on
// 32×32 RGB (synthetic scenes) and 28×28 grey (Fashion-MNIST test images). Each measurement
// runs for a fixed CPU-time budget after a warm-up; CPU time (this process) is the steady figure
// on a shared machine. Prints a Markdown section for BENCHMARKS.md.
// Run: node --import tsx tools/bench/corruptions-bench.ts
// ImageNet-C size instead: BENCH_SIZE=224 node --import tsx tools/bench/corruptions-bench.ts (S×S RGB synthetic scenes)
import { loadavg } from 'node:os';
import { allCorruptions, applyCorruption, corruptionRng, type CorruptionImage, type CorruptionName } from '../../src-shared/corruptions/index';
import { fashionImages, syntheticRgb } from '../fixtures/corruptions/images';

const BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 400);
const SEVERITY = 3;
const SIZE = Number(process.env.BENCH_SIZE ?? 0);

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Images per CPU second and per wall second for one corruption on a set of images. */
function measure(name: CorruptionName, images: CorruptionImage[]): { cpu: number; wall: number } {
  for (let i = 0; i < 20; i++) applyCorruption(images[i % images.length], name, SEVERITY, corruptionRng(0, name, SEVERITY, i));
  const cpu0 = cpuMs();
  const wall0 = performance.now();
  let n = 0;
  while (cpuMs() - cpu0 < BUDGET_MS) {
    for (let k = 0; k < 16; k++, n++) applyCorruption(images[n % images.length], name, SEVERITY, corruptionRng(1, name, SEVERITY, n));
  }
  return { cpu: (n * 1000) / (cpuMs() - cpu0), wall: (n * 1000) / (performance.now() - wall0) };
}

const sets: [string, CorruptionImage[]][] = SIZE > 0
  ? [[`${SIZE}×${SIZE} RGB`, [0, 1, 2, 3].map((v) => syntheticRgb(v, SIZE))]]
  : [
    ['32×32 RGB', [0, 1, 2, 3, 4, 5, 6, 7].map((v) => syntheticRgb(v))],
    ['28×28 grey', fashionImages(8)],
  ];

const loadStart = loadavg().map((v) => v.toFixed(1)).join(' / ');
const rows: string[] = [];
const perImageCpu: number[][] = sets.map(() => []);
for (const name of allCorruptions) {
  const cells = sets.map(([, images], k) => {
    const { cpu, wall } = measure(name, images);
    perImageCpu[k].push(1 / cpu);
    return `${Math.round(cpu).toLocaleString('en-US')} (${Math.round(wall).toLocaleString('en-US')})`;
  });
  rows.push(`| ${name} | ${cells.join(' | ')} |${SIZE > 0 ? ` ${(perImageCpu[0].at(-1)! * 1000).toFixed(1)} |` : ''}`);
  process.stderr.write(`${name} done\n`);
}
const loadEnd = loadavg().map((v) => v.toFixed(1)).join(' / ');
// A CIFAR-10-C-sized job: 10,000 images × 19 corruptions × 5 severities (severity 3 cost for all);
// at BENCH_SIZE, an ImageNet-C-sized one: 50,000 images.
const jobImages = SIZE > 0 ? 50_000 : 10_000;
const jobMinutes = perImageCpu.map((times) => (times.reduce((s, t) => s + t, 0) * jobImages * 5) / 60);
const jobLine = SIZE > 0
  ? `A full ImageNet-C-sized job (50,000 images × ${allCorruptions.length} corruptions × 5 severities, at the severity-3 cost)
takes ≈ ${(jobMinutes[0] / 60).toFixed(1)} CPU hours on ${sets[0][0]}, on one core.`
  : `A full CIFAR-10-C-sized job (10,000 images × 19 corruptions × 5 severities, at the severity-3 cost)
takes ≈ ${jobMinutes[0].toFixed(1)} CPU minutes on 32×32 RGB and ≈ ${jobMinutes[1].toFixed(1)} on 28×28 grey, on one core.`;

console.log(`## Corruptions

Command: \`${SIZE > 0 ? `BENCH_SIZE=${SIZE} ` : ''}node --import tsx tools/bench/corruptions-bench.ts\` (Node ${process.version}; severity 3; ${BUDGET_MS} ms of CPU per cell
after a 20-image warm-up; one thread). Images per second of this process's CPU time, wall-clock in brackets.

| corruption | ${sets.map(([label]) => label).join(' | ')} |${SIZE > 0 ? ' ms per image (CPU) |' : ''}
|---|${sets.map(() => '---|').join('')}${SIZE > 0 ? '---|' : ''}
${rows.join('\n')}

${jobLine}
Load average at the start ${loadStart}, at the end ${loadEnd} (1/5/15 min).`);
