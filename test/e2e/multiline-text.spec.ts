import type request from 'supertest';
import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { findForms, formsEachRoleReaches } from '../support/forms';

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&');

/** What a browser would send back from a textarea: its content, as the page wrote it. */
function textareas(html: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) {
    const name = /\sname="([^"]*)"/.exec(m[1])?.[1];
    // A browser drops one newline right after <textarea>.
    if (name) out.set(name, decode(m[2].replace(/^\r?\n/, '')));
  }
  return out;
}

/** Every field of the first form posting to `action`, as the browser would send it now. */
function formValues(html: string, action: string): Record<string, string> {
  const form = findForms(html, action).find((f) => f.action === action && f.method === 'post');
  if (!form) throw new Error(`no form posting to ${action}`);
  const values: Record<string, string> = {};
  for (const f of form.fields) if (!['submit', 'button', 'file', 'checkbox', 'radio'].includes(f.type)) values[f.name] = f.value;
  const selects = /<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/gi;
  let s: RegExpExecArray | null;
  while ((s = selects.exec(html))) values[s[1]] = /<option value="([^"]*)"\s*selected/.exec(s[2])?.[1] ?? '';
  for (const [k, v] of textareas(html)) if (k in values) values[k] = v;
  return values;
}

const MULTI = 'Primer párrafo, con <b>marcas</b> & comillas "dobles".\n\n- Uno\n- Dos\n    sangrado propio\nÚltima línea';

describe('multi-line text survives every save and every 422', () => {
  let t: TestApp;
  let press: request.Agent;
  beforeAll(async () => {
    t = await createTestApp();
    const p = await t.factories.user('press');
    press = t.agent();
    await login(press, p.email, p.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Open the edit page, send it back unchanged, twice: the text stays exactly as it was. */
  async function saveTwice(agent: request.Agent, page: string, action: string, names: string[]) {
    for (let i = 0; i < 2; i++) {
      const html = (await agent.get(page)).text;
      const values = formValues(html, action);
      const res = await agent.post(action).type('form').send({ ...values, _csrf: csrfFrom(html) });
      expect(res.status).toBe(303);
    }
    const after = textareas((await agent.get(page)).text);
    for (const n of names) expect(after.get(n)).toBe(MULTI);
  }

  it('the release editor keeps the body and quotes through two saves and a 422', async () => {
    const html = (await press.get('/comunicados/nuevo')).text;
    const created = await press.post('/comunicados').type('form').send({ ...formValues(html, '/comunicados'), title: 'Comunicado de varias líneas', releaseDate: '2026-03-14', body: MULTI, quotes: MULTI, _csrf: csrfFrom(html) });
    expect(created.status).toBe(303);
    const id = Number(/\/comunicados\/(\d+)/.exec(created.headers.location)![1]);
    await saveTwice(press, `/comunicados/${id}/editar`, `/comunicados/${id}`, ['body', 'quotes']);
    const [row] = await t.dataSource.query('SELECT body, quotes FROM press_releases WHERE id = $1', [id]);
    expect(row).toEqual({ body: MULTI, quotes: MULTI });
    // A 422 gives back what was typed, to the character.
    const edit = (await press.get(`/comunicados/${id}/editar`)).text;
    const bad = await press.post(`/comunicados/${id}`).type('form').send({ ...formValues(edit, `/comunicados/${id}`), title: 'x', _csrf: csrfFrom(edit) });
    expect(bad.status).toBe(422);
    expect(textareas(bad.text).get('body')).toBe(MULTI);
  });

  it('the release letterhead and contact footer, and the invitation template, do not grow on each save', async () => {
    const html = (await press.get('/comunicados/formato')).text;
    const first = await press.post('/comunicados/formato').type('form').send({ ...formValues(html, '/comunicados/formato'), letterhead: MULTI, contactFooter: MULTI, _csrf: csrfFrom(html) });
    expect(first.status).toBe(303);
    await saveTwice(press, '/comunicados/formato', '/comunicados/formato', ['letterhead', 'contactFooter']);

    const inv = (await press.get('/medios/invitaciones/plantilla')).text;
    const saved = await press.post('/medios/invitaciones/plantilla').type('form').send({ ...formValues(inv, '/medios/invitaciones/plantilla'), body: MULTI, _csrf: csrfFrom(inv) });
    expect(saved.status).toBe(303);
    await saveTwice(press, '/medios/invitaciones/plantilla', '/medios/invitaciones/plantilla', ['body']);
  });

  it('every form with a textarea, for every role, gives the text back unchanged', async () => {
    const checked: string[] = [];
    const failures: string[] = [];
    const seen = new Set<string>();
    for await (const { role, agent, page, form } of formsEachRoleReaches(t)) {
      if (form.method !== 'post' || form.multipart || !form.fields.some((f) => f.type === 'textarea') || seen.has(form.action)) continue;
      seen.add(form.action);
      const body: Record<string, string> = { _csrf: csrfFrom(page) };
      for (const f of form.fields) if (f.name !== '_csrf' && !['file', 'checkbox', 'radio'].includes(f.type)) body[f.name] = f.type === 'textarea' ? MULTI : f.value;
      const res = await agent.post(form.action).type('form').send(body);
      let html = res.text;
      if (res.status === 303 && res.headers.location?.startsWith('/')) html = (await agent.get(res.headers.location)).text;
      const back = textareas(html);
      for (const f of form.fields.filter((x) => x.type === 'textarea')) {
        if (!back.has(f.name)) continue; // the next page has no such field (a saved reply, a new case)
        checked.push(`${form.action} ${f.name}`);
        if (back.get(f.name) !== MULTI && back.get(f.name)!.replace(/^ +/gm, '') === MULTI.replace(/^ +/gm, '')) failures.push(`${role} ${form.action} ${f.name}: indented`);
      }
    }
    expect(checked.length).toBeGreaterThan(3);
    expect(failures).toEqual([]);
  }, 240_000);
});
