import type request from 'supertest';
import { ROLES, Role } from '../../src/auth/roles';
import { login, TestApp } from './app';
import { listRoutes } from './routes';

export interface FoundForm {
  action: string;
  method: string;
  multipart: boolean;
  fields: { name: string; type: string; value: string }[];
}

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&#x3D;/g, '=').replace(/&quot;/g, '"') : undefined;
};

/** The forms of a page as our templates write them (enough for sweeping every field). */
export function findForms(html: string, pagePath: string): FoundForm[] {
  const forms: FoundForm[] = [];
  const re = /<form\b([^>]*)>([\s\S]*?)<\/form>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const open = m[1];
    const body = m[2];
    const fields: FoundForm['fields'] = [];
    const fieldRe = /<(input|select|textarea)\b([^>]*)>/gi;
    let f: RegExpExecArray | null;
    while ((f = fieldRe.exec(body))) {
      const name = attr(f[2], 'name');
      if (!name) continue;
      fields.push({ name, type: f[1] === 'input' ? (attr(f[2], 'type') ?? 'text') : f[1], value: attr(f[2], 'value') ?? '' });
    }
    forms.push({
      action: attr(open, 'action') || pagePath,
      method: (attr(open, 'method') ?? 'get').toLowerCase(),
      multipart: /multipart\/form-data/i.test(open),
      fields,
    });
  }
  return forms;
}

/** What a hostile or clumsy person types into a field. */
export const HOSTILE_VALUES: { label: string; value: string | string[] }[] = [
  { label: 'script', value: '<script>alert("xss")</script><img src=x onerror=alert(1)>' },
  { label: 'sql', value: "'; DROP TABLE users; -- \" OR 1=1" },
  { label: '100k', value: 'á'.repeat(100_000) },
  { label: 'nul', value: 'antes\u0000después' },
  { label: 'rtl', value: '\u202Eevil\u202C \u200F' },
  { label: 'emoji', value: '🏛️👩🏽‍🌾🇲🇽' },
  { label: 'negative', value: '-1' },
  { label: 'huge', value: '99999999999999999999999' },
  { label: 'bad-date', value: '2026-13-45' },
  { label: 'array', value: ['uno', 'dos'] },
];

/**
 * Every HTML form each role reaches by opening the parameterless pages its role may open, signed
 * in as a new user of that role: the sweeps (hostile input, multi-line text) walk these.
 */
export async function* formsEachRoleReaches(t: TestApp): AsyncGenerator<{ role: Role; agent: request.Agent; page: string; form: FoundForm }> {
  const routes = listRoutes(t.app).filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.path.startsWith('/api') && !r.path.startsWith('/open311'));
  for (const role of ROLES as readonly Role[]) {
    const u = await t.factories.user(role);
    const agent = t.agent();
    await login(agent, u.email, u.password);
    for (const r of routes.filter((x) => x.public || x.roles?.includes(role))) {
      const res = await agent.get(r.path);
      if (res.status !== 200 || !res.headers['content-type']?.includes('html')) continue;
      for (const form of findForms(res.text, r.path)) yield { role, agent, page: res.text, form };
    }
  }
}
