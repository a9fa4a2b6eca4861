/**
 * Preloaded into the app (node -r dist/bench/lib/sql-log.js dist/src/main.js) with
 * BENCH_SQL_LOG=<file>: every statement the app sends to PostgreSQL is appended to the file,
 * one JSON line each. `npm run bench -- --capture-sql` uses it to show the SQL of each
 * scenario, which is what the baseline (bench/baseline/server.ts) issues too.
 */
import { appendFileSync } from 'node:fs';
import * as pg from 'pg';

const file = process.env.BENCH_SQL_LOG;
if (file) {
  const proto = (pg as unknown as { Client: { prototype: { query: (...a: unknown[]) => unknown } } }).Client.prototype;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [q, values] = args as [string | { text?: string; values?: unknown[] }, unknown];
    const text = typeof q === 'string' ? q : q?.text;
    if (text) appendFileSync(file, `${JSON.stringify({ at: Date.now(), text: text.replace(/\s+/g, ' ').trim(), values: Array.isArray(values) ? values : typeof q === 'object' ? q.values : undefined })}\n`);
    return original.apply(this, args);
  };
}
