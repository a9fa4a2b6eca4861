#!/usr/bin/env node
// `npm run build`: compiles src/ and migrations/ into dist/ with swc (about 2 s; tsc took 50 s).
// swc strips the types without checking them: `npm run typecheck` checks them. It is a
// dependency (not a devDependency), so a production install (`npm ci --omit=dev`) builds too.
//
// `--if-stale` (what `npm start` runs first) builds only when a source is newer than the last
// build, so a restart costs nothing. A build always starts from an empty dist/src and
// dist/migrations: a deleted entity or migration must not linger there (TypeORM loads them by
// glob).
'use strict';
const { readdirSync, readFileSync, statSync, mkdirSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { join, relative, dirname } = require('node:path');
const swc = require('@swc/core');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.built');
const sourceDirs = ['src', 'migrations'];

/** Every .ts file to compile, and the newest modification time among them, their folders and the build settings. */
function sources() {
  const files = [];
  let newest = Math.max(statSync(join(root, '.swcrc')).mtimeMs, statSync(__filename).mtimeMs);
  const walk = (dir) => {
    newest = Math.max(newest, statSync(dir).mtimeMs); // a deleted or renamed file touches its folder
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') && !e.name.endsWith('.d.ts')) {
        files.push(f);
        newest = Math.max(newest, statSync(f).mtimeMs);
      }
    }
  };
  for (const d of sourceDirs) walk(join(root, d));
  return { files, newest };
}

function build() {
  const started = Date.now();
  const { files, newest } = sources();
  if (process.argv.includes('--if-stale') && existsSync(stamp) && statSync(stamp).mtimeMs >= newest) return;
  const options = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
  delete options.$schema;
  for (const d of sourceDirs) rmSync(join(dist, d), { recursive: true, force: true });
  for (const file of files) {
    const rel = relative(root, file);
    const out = join(dist, rel.replace(/\.ts$/, '.js'));
    const { code } = swc.transformFileSync(file, { ...options, swcrc: false, configFile: false, filename: file, sourceFileName: relative(dirname(out), file) });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
  }
  writeFileSync(stamp, new Date().toISOString() + '\n');
  console.log(`Cabildo compilado en dist/ (${files.length} archivos, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

build();
