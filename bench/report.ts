/** The benchmark's figures as the Markdown table bench/README.md keeps between its markers. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LoadResult } from './lib/load';
import { formatCount } from './lib/env';
import { SCENARIOS } from './scenarios';

export interface ExplainResult {
  listMs: number;
  countMs: number;
  listPlan: string;
  countPlan: string;
}

export interface Run {
  at64: LoadResult | null;
  at8: LoadResult;
  /** One connection (absent in runs before it was measured). */
  at1?: LoadResult;
}

export interface ScaleResult {
  cases: number;
  schema: string;
  seededMs: number | null;
  explain: Record<string, ExplainResult>;
  runs: Record<string, { app?: Run; baseline?: Run }>;
  appPeakRssMb: number | null;
  baselinePeakRssMb: number | null;
}

export interface BenchResults {
  date: string;
  machine: { nproc: number; cpu: string; memoryGb: number; node: string; postgres: string; loadBefore: number; loadAfter: number };
  seconds: number;
  singleSeconds?: number;
  fullAt: number;
  scales: ScaleResult[];
  pending: { key: string; title: string; why: string }[];
  totalSeconds?: number;
}

export const START = '<!-- bench:results:start -->';
export const END = '<!-- bench:results:end -->';

const n0 = (x: number | null | undefined) => (x == null || Number.isNaN(x) ? '–' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const ratio = (a?: number, b?: number) => (a && b ? `${(a / b).toFixed(2)}×` : '–');

/** The targets of the issue (2 cores, PostgreSQL 15, 1 M cases), checked against a run. */
function verdict(key: string, app: Run | undefined, base: Run | undefined, runs: ScaleResult['runs']): string {
  if (!app) return '';
  const r = app.at64 && base?.at64 ? app.at64.cyclesPerSecond / base.at64.cyclesPerSecond : null;
  const p95 = app.at8.p95;
  const checks: [boolean, string][] = [];
  if (app.at8.errors + (app.at64?.errors ?? 0) + (app.at1?.errors ?? 0) > 0) checks.push([false, 'errores']);
  switch (key) {
    case 'filing':
      if (r != null) checks.push([r >= 0.6, 'razón ≥ 0,6']);
      checks.push([app.at8.p99 < 100, 'p99 < 100 ms']);
      break;
    case 'inbox-first':
    case 'inbox-filters':
      if (r != null) checks.push([r >= 0.5, 'razón ≥ 0,5']);
      checks.push([p95 < 20, 'p95 < 20 ms']);
      break;
    case 'inbox-page200': {
      if (r != null) checks.push([r >= 0.5, 'razón ≥ 0,5']);
      checks.push([p95 < 20, 'p95 < 20 ms']);
      const first = runs['inbox-first']?.app?.at8.p95;
      if (first) checks.push([p95 <= 2 * first, '≤ 2× pág. 1']);
      break;
    }
    case 'search-common':
    case 'search-rare':
      checks.push([p95 < 25, 'p95 < 25 ms']);
      break;
    case 'search-ranked':
      checks.push([p95 < 250, 'p95 < 250 ms']);
      break;
    case 'open311-list':
      checks.push([p95 < 150, 'p95 < 150 ms']);
      break;
    case 'case-page':
    case 'case-open':
    case 'tracking':
      checks.push([p95 < 15, 'p95 < 15 ms']);
      break;
  }
  const failed = checks.filter(([ok]) => !ok).map(([, what]) => what);
  return checks.length ? (failed.length ? `✗ ${failed.join(', ')}` : `✓ ${checks.map(([, w]) => w).join(', ')}`) : '';
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.machine;
  const full = r.scales.find((s) => s.cases === r.fullAt) ?? r.scales[r.scales.length - 1];
  const out: string[] = [];
  out.push(`### Corrida del ${r.date.slice(0, 16).replace('T', ' ')} UTC`);
  out.push('');
  out.push(
    `Máquina: ${m.nproc} núcleos (${m.cpu}), ${m.memoryGb} GB de RAM, PostgreSQL ${m.postgres}, Node ${m.node}. ` +
      `Carga del sistema (loadavg 1 min) al empezar ${m.loadBefore.toFixed(1)}, al terminar ${m.loadAfter.toFixed(1)}` +
      `${m.loadBefore > m.nproc ? ' — la máquina estaba ocupada por otros procesos: las cifras absolutas son ruidosas; las razones contra la base, tomadas en la misma corrida, lo son menos' : ''}. ` +
      `Cada medición dura ${r.seconds} s (a 1 conexión, ${r.singleSeconds ?? r.seconds} s) tras 1 s de calentamiento; duración total ${r.totalSeconds ?? '–'} s.`,
  );
  out.push('');
  if (full) {
    out.push(`#### Escenarios a ${formatCount(full.cases)} casos`);
    out.push('');
    out.push('| # | escenario | Cabildo req/s @64 | base req/s @64 | razón | p50 / p95 / p99 ms @8 | base p95 ms @8 | p50 / p95 ms @1 | base p95 ms @1 | errores | objetivo (a 8 conexiones) |');
    out.push('|---|---|---:|---:|---:|---|---:|---|---:|---:|---|');
    for (const s of SCENARIOS) {
      if (s.pending) {
        out.push(`| ${s.group} | ${s.title} | pendiente | | | | | | | | ${s.pending} |`);
        continue;
      }
      const run = full.runs[s.key];
      if (!run?.app) continue;
      const a = run.app;
      const b = run.baseline;
      const errs = (r?: Run) => (r ? r.at8.errors + (r.at64?.errors ?? 0) + (r.at1?.errors ?? 0) : 0);
      const errors = errs(a) + errs(b);
      const unit = s.key === 'filing' ? ' solicitudes/s' : '';
      out.push(
        `| ${s.group} | ${s.title} | ${n0(a.at64?.cyclesPerSecond)}${unit} | ${b ? n0(b.at64?.cyclesPerSecond) : '–'} | ${b ? ratio(a.at64?.cyclesPerSecond, b.at64?.cyclesPerSecond) : '–'} | ` +
          `${n0(a.at8.p50)} / ${n0(a.at8.p95)} / ${n0(a.at8.p99)} | ${b ? n0(b.at8.p95) : '–'} | ${a.at1 ? `${n0(a.at1.p50)} / ${n0(a.at1.p95)}` : '–'} | ${b?.at1 ? n0(b.at1.p95) : '–'} | ${errors} | ${verdict(s.key, a, b, full.runs)} |`,
      );
    }
    out.push('');
    out.push(
      `Memoria: pico de RSS de la app (VmHWM) ${r.scales.map((s) => `${n0(s.appPeakRssMb)} MB a ${formatCount(s.cases)}`).join(', ')}` +
        `${full.baselinePeakRssMb ? `; la base ${full.baselinePeakRssMb} MB` : ''} (objetivo < 350 MB).`,
    );
    const counts = Object.entries(full.explain).map(([k, e]) => [k, e.countMs] as const).filter(([, ms]) => !Number.isNaN(ms));
    if (counts.length) {
      const [worstKey, worst] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
      out.push('');
      out.push(`Conteos por estado (EXPLAIN ANALYZE, a ${formatCount(full.cases)}): el más lento ${n0(worst)} ms (${worstKey}); objetivo < 50 ms ${worst < 50 ? '✓' : '✗'}.`);
    }
    out.push('');
  }
  const curve = SCENARIOS.filter((s) => s.curve);
  out.push('#### Curva de la bandeja: p95 a 8 conexiones y tiempo de cada consulta (EXPLAIN ANALYZE)');
  out.push('');
  out.push(`| consulta | ${r.scales.map((s) => `p95 @8 ${formatCount(s.cases)}`).join(' | ')} | ${r.scales.map((s) => `p95 @1 ${formatCount(s.cases)}`).join(' | ')} | ${r.scales.map((s) => `SQL lista / conteos ${formatCount(s.cases)}`).join(' | ')} | plan a ${formatCount(r.scales[r.scales.length - 1]?.cases ?? 0)} (lista; conteos) |`);
  out.push(`|---|${r.scales.map(() => '---:').join('|')}|${r.scales.map(() => '---:').join('|')}|${r.scales.map(() => '---:').join('|')}|---|`);
  for (const s of curve) {
    const last = r.scales[r.scales.length - 1]?.explain[s.key];
    out.push(
      `| ${s.key} | ${r.scales.map((x) => `${n0(x.runs[s.key]?.app?.at8.p95)} ms`).join(' | ')} | ${r.scales.map((x) => `${n0(x.runs[s.key]?.app?.at1?.p95)} ms`).join(' | ')} | ${r.scales.map((x) => (x.explain[s.key] ? `${n0(x.explain[s.key].listMs)} / ${n0(x.explain[s.key].countMs)} ms` : '–')).join(' | ')} | ${last ? `${last.listPlan}; ${last.countPlan}` : ''} |`,
    );
  }
  out.push('');
  if (r.pending.length) {
    out.push('Pendiente en esta corrida:');
    out.push('');
    for (const p of r.pending) out.push(`- ${p.title}: ${p.why}.`);
    out.push('');
  }
  return out.join('\n');
}

/** Replace what sits between the markers of bench/README.md with the new table. */
export function updateReadme(path: string, table: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : `${START}\n${END}\n`;
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  const next = i >= 0 && j > i ? `${text.slice(0, i + START.length)}\n${table}\n${text.slice(j)}` : `${text.trimEnd()}\n\n${START}\n${table}\n${END}\n`;
  writeFileSync(path, next);
}
