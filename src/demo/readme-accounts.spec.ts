import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../common/paths';
import { DEMO_PRESS_CREW, DEMO_USERS } from './demo.service';

/** Issue 16 item 25: the README listed a password the demo does not seed (foto@). */
describe("the README's demo accounts", () => {
  it('are exactly the accounts and passwords the demo seeds', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Cuentas de demostración'));
    const rows = [...section.matchAll(/^\|[^|\n]+\| ([^|\s]+@[^|\s]+) \| ([^|\s]+) \|$/gm)].map((m) => [m[1], m[2]]);
    const seeded = [...DEMO_USERS, ...DEMO_PRESS_CREW].map((u) => [u.email, u.password]);
    expect(rows.sort()).toEqual(seeded.sort());
  });
});
