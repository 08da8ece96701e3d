// The held-out check: workloads of every kind with parameters and seeds the benchmark never uses
// (`npx tsx bench/holdout.ts [firstSeed] [lastSeed]`, default 1000–1010), answered in process so
// many seeds run quickly. Same tracker, same targets and gate as `npm run bench` (met on the
// median, no seed worse than 1.10× a target); exits 1 on a miss.
import { round } from './simulate';
import { kindTargets, runStrategies, type SeedRun } from './strategies';
import { directBackend } from './simulate';
import { WORKLOAD_KINDS } from './workloads';

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 400);

async function main(): Promise<void> {
  const first = Number(process.argv[2] ?? 1000);
  const last = Number(process.argv[3] ?? 1010);
  const only = process.env.BENCH_KINDS?.split(',');
  let missed = 0;
  for (const kind of WORKLOAD_KINDS) {
    if (only && !only.includes(kind.key)) continue;
    const runs: SeedRun[] = [];
    for (let seed = first; seed <= last; seed++) {
      // BENCH_OWN=1: the benchmark's own parameters (in process), to compare like with like.
      const load = process.env.BENCH_OWN ? kind.make(seed, PHOTOS) : kind.unseen(seed, PHOTOS);
      const results = await runStrategies(load, seed, ['docs', 'tracker'], async (clock) => ({ backend: directBackend(clock), close: async () => {} }));
      runs.push({ seed, results });
      const t = results.tracker!;
      const d = results.docs!;
      console.log(
        `${kind.key.padEnd(10)} seed ${seed}: req ${t.requestsPerPhoto} vs ${d.requestsPerPhoto} (×${round(t.requestsPerPhoto / d.requestsPerPhoto, 2)}) · p95 ${t.p95DelayS} vs ${d.p95DelayS} (×${round(t.p95DelayS / d.p95DelayS, 2)}) · p50 ${t.p50DelayS} vs ${d.p50DelayS}`,
      );
    }
    for (const target of kindTargets(kind, runs)) {
      if (!target.reached) missed += 1;
      console.log(`  ${target.reached ? 'met   ' : 'MISSED'} ${target.target}: ${target.figure}`);
    }
  }
  if (missed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
