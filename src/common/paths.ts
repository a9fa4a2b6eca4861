import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's top folder (where package.json is), whether running from src/ or dist/src/. */
function findRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();
export const VIEWS_DIR = join(PROJECT_ROOT, 'views');
export const PUBLIC_DIR = join(PROJECT_ROOT, 'public');
export const I18N_DIR = join(PROJECT_ROOT, 'src', 'i18n');
