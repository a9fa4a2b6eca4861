/**
 * npm run bench [-- --scales 10k,100k,1m] [--full-at 1m] [--seconds 8] [--only key,key] [--no-readme] [--capture-sql]
 *
 * For each scale: seed its schema if needed (bench_10k, bench_100k, bench_1m), start the
 * compiled app (NODE_ENV=production) and, at the full scale, the baseline; prepare sessions
 * and cursors; EXPLAIN ANALYZE every inbox query; then load each scenario with autocannon
 * from this process: requests per second at 64 connections and latency at 8. At the other
 * scales only the inbox scenarios run (the scale curve). The Markdown table is printed and
 * written into bench/README.md between its markers; raw figures and plans go to bench/results/.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { inboxStatements } from './baseline/server';
import { captureSql } from './lib/capture';
import { openBenchDb } from './lib/db';
import { arg, benchDatabaseUrl, flag, formatCount, parseCount, schemaFor } from './lib/env';
import { runLoad } from './lib/load';
import { startApp, startBaseline } from './lib/processes';
import { progressBar } from './lib/progress';
import { BenchResults, ExplainResult, renderMarkdown, ScaleResult, updateReadme } from './report';
import { prepare, SCENARIOS } from './scenarios';
import { GENERATOR_VERSION } from './seed/generate';
import { resetAfterRun, seedCases, seedMeta } from './seed/seed';

const RESULTS = resolve(__dirname, '..', '..', 'bench', 'results');
const README = resolve(__dirname, '..', '..', 'bench', 'README.md');
const log = (s: string) => console.error(s);

/** Which scan nodes a plan uses (index names, sequential scans): the summary the README shows. */
function planSummary(plan: string): string {
  const nodes = new Set<string>();
  for (const m of plan.matchAll(/(Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Index Scan|Seq Scan|Parallel Seq Scan) (?:using|on) (\w+)/g)) nodes.add(`${m[1]} ${m[2]}`);
  return [...nodes].join(', ');
}

async function main() {
  const started = Date.now();
  const url = await benchDatabaseUrl();
  const scales = (arg('scales') ?? '10000,100000,1000000').split(',').map((s) => parseCount(s, '--scales')).sort((a, b) => a - b);
  const fullAt = arg('full-at') ? parseCount(arg('full-at'), '--full-at') : scales[scales.length - 1];
  const seconds = Number(arg('seconds') ?? 8);
  const only = arg('only')?.split(',');
  const port = Number(arg('port') ?? 3901);
  mkdirSync(RESULTS, { recursive: true });

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: { nproc: cpus().length, cpu: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, postgres: '', loadBefore: loadavg()[0], loadAfter: 0 },
    seconds,
    scales: [],
    fullAt,
    pending: [],
  };

  for (const scale of scales) {
    const schema = schemaFor(scale);
    const full = scale === fullAt;
    log(`\n== ${formatCount(scale)} casos (esquema ${schema})${full ? ': todos los escenarios' : ': curva de la bandeja'} ==`);
    const db = await openBenchDb(url, schema);
    const scaleResult: ScaleResult = { cases: scale, schema, seededMs: null, explain: {}, runs: {}, appPeakRssMb: null, baselinePeakRssMb: null };
    try {
      results.machine.postgres ||= (await db.sql(`SHOW server_version`))[0].server_version;
      const meta = await seedMeta(db.sql);
      if (!meta || meta.cases !== scale || meta.generatorVersion !== GENERATOR_VERSION) {
        log(`Sembrando ${formatCount(scale)} casos (una sola vez por escala; se reutilizan en las siguientes corridas)…`);
        await db.sql(`SET maintenance_work_mem = '512MB'`);
        await db.sql(`SET synchronous_commit = off`);
        const bar = progressBar('casos');
        const r = await seedCases(db.sql, { cases: scale, rebuildIndexes: scale >= 5000, onProgress: bar.update });
        bar.done();
        scaleResult.seededMs = r.ms;
        log(`  ${r.cases} casos, ${r.events} entradas de historial en ${(r.ms / 1000).toFixed(0)} s`);
      }
      await resetAfterRun(db.sql);
      if (flag('capture-sql') && full) {
        const out = join(RESULTS, `sql-${schema}.md`);
        await captureSql({ url, schema, port, out, folio: '', paths: [{ label: '/casos', path: '/casos' }, { label: '/casos?q=…', path: '/casos?q=calle' }] });
        await resetAfterRun(db.sql);
        log(`  SQL de la app guardado en ${out}`);
      }

      const app = await startApp({ url, schema, port });
      const baseline = full ? await startBaseline({ url, schema, port: port + 1 }) : null;
      try {
        const prep = await prepare(app.base, db.sql, { log });
        // EXPLAIN ANALYZE of each inbox query (the list and the counts), warm: the second of two runs.
        mkdirSync(join(RESULTS, schema), { recursive: true });
        for (const s of SCENARIOS.filter((x) => x.inboxQuery && (!only || only.includes(x.key)))) {
          const st = inboxStatements(s.inboxQuery!(prep));
          const e: ExplainResult = { listMs: 0, countMs: 0, listPlan: '', countPlan: '' };
          for (const [which, q] of [['list', st.list], ['count', st.count]] as const) {
            let text = '';
            for (let i = 0; i < 2; i++) text = (await db.sql(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.params)).map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
            writeFileSync(join(RESULTS, schema, `explain-${s.key}-${which}.txt`), `-- ${q.text}\n-- ${JSON.stringify(q.params)}\n\n${text}\n`);
            const ms = Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN);
            if (which === 'list') Object.assign(e, { listMs: ms, listPlan: planSummary(text) });
            else Object.assign(e, { countMs: ms, countPlan: planSummary(text) });
          }
          scaleResult.explain[s.key] = e;
          log(`  EXPLAIN ${s.key}: lista ${e.listMs.toFixed(1)} ms [${e.listPlan}] · conteos ${e.countMs.toFixed(1)} ms [${e.countPlan}]`);
        }

        for (const s of SCENARIOS) {
          if (only && !only.includes(s.key)) continue;
          if (s.pending) {
            if (full && !results.pending.some((p) => p.key === s.key)) results.pending.push({ key: s.key, title: s.title, why: s.pending });
            continue;
          }
          if (!full && !s.curve) continue;
          for (const target of full && s.baseline && baseline ? [app, baseline] : [app]) {
            const reqs = () => s.requests(prep);
            await runLoad(target.base, reqs(), { connections: 8, seconds: 1, report: s.report });
            const at64 = full ? await runLoad(target.base, reqs(), { connections: 64, seconds, report: s.report }) : null;
            const at8 = await runLoad(target.base, reqs(), { connections: 8, seconds, report: s.report });
            const key = target === app ? 'app' : 'baseline';
            (scaleResult.runs[s.key] ??= {})[key] = { at64, at8 };
            const errs = (at64?.errors ?? 0) + at8.errors;
            log(
              `  ${s.key.padEnd(14)} ${key.padEnd(8)} ${at64 ? `${at64.cyclesPerSecond.toFixed(0).padStart(5)}/s @64 · ` : ''}p50 ${at8.p50.toFixed(1)} p95 ${at8.p95.toFixed(1)} p99 ${at8.p99.toFixed(1)} ms @8 · errores ${errs}` +
                (errs ? ` ${[...(at64?.errorDetail.samples ?? []), ...at8.errorDetail.samples].join(' | ')}` : ''),
            );
          }
        }
        scaleResult.appPeakRssMb = app.peakRssMb();
        scaleResult.baselinePeakRssMb = baseline?.peakRssMb() ?? null;
      } finally {
        await app.stop();
        await baseline?.stop();
      }
      await resetAfterRun(db.sql);
    } finally {
      await db.close();
    }
    results.scales.push(scaleResult);
  }
  if (!scales.includes(1_000_000)) results.pending.unshift({ key: '1m', title: 'Escala de 1 M casos', why: 'no se corrió en esta ejecución' });
  results.machine.loadAfter = loadavg()[0];
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  const stamp = results.date.replace(/[:.]/g, '-');
  writeFileSync(join(RESULTS, `bench-${stamp}.json`), JSON.stringify(results, null, 2));
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2));
  const md = renderMarkdown(results);
  console.log(md);
  if (!flag('no-readme')) {
    updateReadme(README, md);
    log(`\nTabla escrita en bench/README.md (${results.totalSeconds} s en total).`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
