import { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ROLES, Role } from '../../src/auth/roles';
import { PROJECT_ROOT } from '../../src/common/paths';
import { DEMO_USERS, DemoService } from '../../src/demo/demo.service';
import { axeViolations, browserLogin, launchBrowser, listen, screenshot } from '../support/browser';
import { fileRequest } from '../support/cases';
import { createTestApp, login, submitForm, TestApp } from '../support/app';
import { listRoutes, RouteInfo } from '../support/routes';

/**
 * Every page of Cabildo, for each role and for a visitor with no login, in a real browser at a
 * phone's width and a desktop's. The pages are found by following the links each role is shown
 * (plus every page of the app without an id that the role may open), one concrete address per
 * route pattern, on the demo municipality so that pages with ids show real content.
 */
type Who = Role | 'public';
const WHO: Who[] = ['public', ...ROLES];
const WIDTHS = [390, 1280] as const;
const OUTPUT_DIR = join(PROJECT_ROOT, 'test', 'output');

/** Links that are not pages: signing out, downloads, the API, feeds, static files, language switches. */
const NOT_A_PAGE = /^\/(logout|api|open311|static|health)(\/|$)|\.(pdf|csv|xlsx|ics|zip|xml|atom|rss|json|html|png|jpe?g|svg|webp|mp3|ogg)$/i;
/** Parameterless GET routes that answer something other than a page, and why. */
const NOT_PAGES: Record<string, string> = {
  '/solicitudes/preguntas': 'fragmento HTML que el formulario de solicitud inserta con JavaScript',
};
/** GET routes that answer a file which no link of the demo reaches (so the crawl cannot tell it is not a page), and what they answer. */
const FILE = 'un archivo adjunto o una imagen, no una página';
const NOT_LINKED: Record<string, string> = {
  '/agenda/adjuntos/:id': FILE,
  '/agenda/adjuntos/:id/miniatura': FILE,
  '/casos/:folio/adjuntos/:id/miniatura': FILE,
  '/seguimiento/:folio/adjuntos/:id/miniatura': FILE,
  '/banco/:id/miniatura': FILE,
  '/campanas/piezas/:pid/archivos/:fid': FILE,
  '/casos/:folio/adjuntos/:id': FILE,
  '/correo/mensajes/:id/adjuntos/:aid': FILE,
  '/monitoreo/testigos/:id/archivo': FILE,
  '/sala-de-prensa/:id/audio/:assetId': FILE,
  '/seguimiento/:folio/adjuntos/:id': FILE,
  '/agenda/ical/:token/:name': 'el calendario iCalendar que se suscribe desde /agenda/calendario',
};
const MAX_FETCHES_PER_ROLE = 600;
/** Links are followed from a few pages of each pattern (a draft and a sent release show different links), only the first is visited in the browser. */
const PAGES_PER_PATTERN = 4;
const MAX_TRIES_PER_PATTERN = 6;

interface Pattern {
  path: string;
  re: RegExp;
  params: number;
  roles: Role[] | null;
  public: boolean;
}

function compilePatterns(routes: RouteInfo[]): Pattern[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return routes
    .filter((r) => r.method === 'GET')
    .map((r) => ({
      path: r.path,
      re: new RegExp('^' + esc(r.path).replace(/:\w+/g, '[^/]+') + '$'),
      params: (r.path.match(/:\w+/g) ?? []).length,
      roles: r.roles,
      public: r.public,
    }))
    // A literal segment wins over a parameter (/casos/nueva before /casos/:folio), as Nest declares them.
    .sort((a, b) => a.params - b.params || b.path.length - a.path.length);
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
}

/** The same-origin links of a page, as paths with their query. */
function linksOf(html: string, from: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b[^>]*?\shref="([^"]*)"/gi)) {
    const href = decodeEntities(m[1]).trim();
    if (!href || href.startsWith('#') || /^(mailto|tel|javascript|data):/i.test(href)) continue;
    const url = new URL(href, 'http://cabildo.local' + from);
    if (url.host !== 'cabildo.local') continue;
    out.push(url.pathname + url.search);
  }
  return out;
}

interface Crawl {
  /** pattern → the concrete address visited for it, in the order found. */
  pages: Map<string, string>;
  /** patterns of the role's own menu (and its panel): the landing pages of its modules. */
  menu: Set<string>;
  fetches: number;
  problems: string[];
  /** Links this role was shown that answered an error. */
  refused: string[];
}

describe('every page, for each role, in a real browser at 390 and 1280 px', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let routes: RouteInfo[];
  let patterns: Pattern[];
  const agents = new Map<Who, request.Agent>();
  const crawls = new Map<Who, Crawl>();
  /** Route patterns whose links answered a file, not a page (an attachment, a photo). */
  const notPages = new Set<string>();
  /** Forms seen in the browser, by method and action pattern, with what keyboard problems they had. */
  const forms = new Map<string, string[]>();
  /** Addresses reached from outside the app (a link in an e-mail) or from data the demo does not have, to start from. */
  const extraPublic: string[] = [];
  const extraStaff: string[] = [];
  /** Milliseconds spent in each step of the browser sweep, to keep it cheap. */
  const timing: Record<string, number> = {};

  const patternOf = (path: string): Pattern | undefined => patterns.find((p) => p.re.test(path));
  const account = (role: Role) => DEMO_USERS.find((u) => u.role === role)!;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoService).seed();
    base = await listen(t);
    routes = listRoutes(t.app);
    patterns = compilePatterns(routes);
    for (const role of ROLES) {
      const agent = t.agent();
      await login(agent, account(role).email, account(role).password);
      agents.set(role, agent);
    }
    // A citizen who has just filed a request sees its receipt and its tracking page in the same session.
    const citizen = t.agent();
    const [{ id: categoryId }] = await t.dataSource.query(`SELECT id FROM categories c WHERE active AND default_department_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM category_questions q WHERE q.category_id = c.id) ORDER BY id LIMIT 1`);
    const filed = await fileRequest(citizen, {
      type: 'complaint',
      categoryId: String(categoryId),
      description: 'Hay una fuga de agua frente a la escuela primaria desde hace tres días.',
      locality: 'Tancuilín',
      street: 'Calle Hidalgo 12',
      contactName: 'Rosa Hernández',
      contactEmail: 'rosa.hdz@ejemplo.mx',
    });
    if (filed.status !== 303) throw new Error(`No se pudo presentar la solicitud de prueba: ${filed.status} ${[...filed.text.matchAll(/class="error"[^>]*>([^<]+)/g)].map((m) => m[1]).join('; ')}`);
    extraPublic.push(filed.headers.location);
    agents.set('public', citizen);
    // A journalist opens the invitation link that arrived by mail (the demo queued it in the outbox).
    const [mail] = await t.dataSource.query(`SELECT payload->>'text' AS text FROM outbox WHERE payload->>'text' LIKE '%/invitacion/%' ORDER BY id LIMIT 1`);
    const rsvp = /https?:\/\/[^/\s]+(\/invitacion\/\d+\/[\w-]+)/.exec(mail?.text ?? '');
    if (!rsvp) throw new Error('La demostración no dejó ninguna invitación con enlace de respuesta');
    extraPublic.push(rsvp[1]);
    // A journalist opens the "recibido" link of a release sent to a list (sent here through the press office's own form).
    const press = agents.get('press')!;
    const [release] = await t.dataSource.query(`SELECT id FROM press_releases WHERE status = 'published' ORDER BY id LIMIT 1`);
    const [list] = await t.dataSource.query(`SELECT id FROM distribution_lists ORDER BY id LIMIT 1`);
    const sent = await submitForm(press, `/comunicados/${release.id}/envio`, `/comunicados/${release.id}/envio`, { listIds: [String(list.id)] });
    if (sent.status !== 303) throw new Error(`No se pudo enviar el comunicado de prueba: ${sent.status}`);
    // Only its hash is stored: the link is read from the email waiting in the outbox.
    const [queued] = await t.dataSource.query(`SELECT payload->>'text' AS text FROM outbox WHERE reference LIKE $1 ORDER BY id LIMIT 1`, [`release:${release.id}:delivery:%`]);
    const received = /\/recibido\/([\w-]{32})/.exec(queued?.text ?? '');
    if (!received) throw new Error('El envío no dejó ningún enlace «recibido» en el outbox');
    extraPublic.push(`/recibido/${received[1]}`);
    // The photos of an event, which the bank links from an asset of that event.
    const [event] = await t.dataSource.query(`SELECT id FROM agenda_events WHERE kind = 'press_conference' ORDER BY id LIMIT 1`);
    extraStaff.push(`/banco/eventos/${event.id}`);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('finds the pages each role can open by following its links', async () => {
    for (const who of WHO) {
      const agent = agents.get(who)!;
      const allowed = routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !NOT_A_PAGE.test(r.path) && !(r.path in NOT_PAGES) && (who === 'public' ? r.public : r.roles?.includes(who)));
      const extra = who === 'public' ? extraPublic : extraStaff.filter((u) => patternOf(u)?.roles?.includes(who));
      const queue = [who === 'public' ? '/' : '/panel', ...extra, ...allowed.map((r) => r.path)];
      const crawl: Crawl = { pages: new Map(), menu: new Set([who === 'public' ? '/' : '/panel']), fetches: 0, problems: [], refused: [] };
      const tries = new Map<string, number>();
      const found = new Map<string, number>();
      const seen = new Set<string>();
      while (queue.length && crawl.fetches < MAX_FETCHES_PER_ROLE) {
        const url = queue.shift()!;
        const path = url.split('?')[0];
        if (seen.has(url) || NOT_A_PAGE.test(path) || /[?&]lang=/.test(url)) continue;
        seen.add(url);
        const pattern = patternOf(path);
        if (!pattern) {
          crawl.problems.push(`${who}: enlace a ${url}, que no es ninguna ruta de la aplicación`);
          continue;
        }
        if ((found.get(pattern.path) ?? 0) >= PAGES_PER_PATTERN || notPages.has(pattern.path) || (tries.get(pattern.path) ?? 0) >= MAX_TRIES_PER_PATTERN) continue;
        tries.set(pattern.path, (tries.get(pattern.path) ?? 0) + 1);
        crawl.fetches++;
        const res = await agent.get(url);
        if (res.status === 302 || res.status === 303) {
          const to = new URL(String(res.headers.location), 'http://cabildo.local' + path);
          if (to.pathname.startsWith('/login')) crawl.refused.push(`${url} → ${res.status} a ${to.pathname}`);
          else queue.unshift(to.pathname + to.search);
          continue;
        }
        if (res.status >= 500) crawl.problems.push(`${who}: ${url} respondió ${res.status}`);
        if (res.status !== 200) {
          crawl.refused.push(`${url} → ${res.status}`);
          continue;
        }
        if (!String(res.headers['content-type']).startsWith('text/html') || !/<html[\s>]/i.test(res.text)) {
          notPages.add(pattern.path);
          continue;
        }
        found.set(pattern.path, (found.get(pattern.path) ?? 0) + 1);
        if (!crawl.pages.has(pattern.path)) crawl.pages.set(pattern.path, url);
        const links = linksOf(res.text, path);
        if (url === '/panel') {
          const nav = /<nav class="staff-nav"[\s\S]*?<\/nav>/.exec(res.text)?.[0] ?? '';
          for (const l of linksOf(nav, path)) {
            const p = patternOf(l.split('?')[0]);
            if (p) crawl.menu.add(p.path);
          }
        }
        queue.push(...links);
      }
      crawls.set(who, crawl);
    }

    // What was found, for a person to read (test/output is not in git).
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const report = WHO.map((w) => {
      const c = crawls.get(w)!;
      return [`## ${w}: ${c.pages.size} páginas, ${c.fetches} peticiones; menú: ${[...c.menu].join(' ')}`, ...[...c.pages].map(([p, u]) => `${p}  ${u}`), ...c.refused.map((r) => `(enlace rechazado) ${r}`)].join('\n');
    });
    writeFileSync(join(OUTPUT_DIR, 'todas-las-paginas.txt'), report.join('\n\n') + '\n');
    const counts = Object.fromEntries(WHO.map((w) => [w, crawls.get(w)!.pages.size]));
    console.log(`Páginas (patrones de ruta) por rol: ${JSON.stringify(counts)}`);
    expect(WHO.flatMap((w) => crawls.get(w)!.problems)).toEqual([]);
    // No one is shown a link they cannot follow (a link to a page of another role, or to one that is gone).
    expect(WHO.flatMap((w) => crawls.get(w)!.refused.map((r) => `${w}: ${r}`))).toEqual([]);
    // Sensible numbers: the demo municipality shows every module to the roles that use it.
    expect(counts.public).toBeGreaterThanOrEqual(9);
    expect(counts.admin).toBeGreaterThanOrEqual(20);
    expect(counts.attention).toBeGreaterThanOrEqual(10);
    expect(counts.liaison).toBeGreaterThanOrEqual(8);
    expect(counts.press).toBeGreaterThanOrEqual(60);
    expect(counts.director).toBeGreaterThanOrEqual(25);
    for (const who of WHO) expect(crawls.get(who)!.fetches).toBeLessThan(MAX_FETCHES_PER_ROLE);
    // Pages with ids were reached through links, with real content behind them.
    const reached = new Set(WHO.flatMap((w) => [...crawls.get(w)!.pages.keys()]));
    for (const p of ['/casos/:folio', '/comunicados/:id', '/agenda/eventos/:id', '/convenios/:id', '/campanas/:id', '/banco/:id', '/sala-de-prensa/:slug', '/seguimiento/:folio', '/invitacion/:invitationId/:token', '/admin/usuarios/:id'])
      expect([p, reached.has(p)]).toEqual([p, true]);
    // Every page of the app without an id is swept by some role: a new page cannot be left out.
    const required = routes.filter((r) => r.method === 'GET' && !r.path.includes(':') && !NOT_A_PAGE.test(r.path) && !(r.path in NOT_PAGES)).map((r) => r.path);
    expect(required.length).toBeGreaterThan(60);
    expect(required.filter((p) => !reached.has(p))).toEqual([]);
    // And every GET route at all is a swept page, a file that some link answered, or set aside above with its reason.
    const accounted = (p: string) => reached.has(p) || notPages.has(p) || NOT_A_PAGE.test(p) || p in NOT_PAGES || p in NOT_LINKED;
    expect(routes.filter((r) => r.method === 'GET' && !accounted(r.path)).map((r) => r.path)).toEqual([]);
  });

  /** What is checked on each page: its language, axe (WCAG 2.1 A and AA), images' alt, text that can be seen, and no sideways scroll on a phone. */
  async function checkPage(page: Page, who: Who, pattern: string, url: string, width: number, problems: string[], shoot: boolean) {
    const where = `${who} ${width}px ${pattern} (${url})`;
    let mark = Date.now();
    const lap = (step: string) => {
      timing[step] = (timing[step] ?? 0) + Date.now() - mark;
      mark = Date.now();
    };
    const res = await page.goto(base + url);
    lap('carga');
    if (res?.status() !== 200) problems.push(`${where}: respondió ${res?.status()}`);
    const landed = new URL(page.url());
    if (landed.pathname + landed.search !== url) problems.push(`${where}: llevó a ${landed.pathname + landed.search}`);
    const lang = await page.getAttribute('html', 'lang');
    if (lang !== 'es-MX') problems.push(`${where}: <html lang="${lang}">, se esperaba es-MX`);
    for (const v of await axeViolations(page)) problems.push(`${where}: ${v.impact} ${v.id} (${v.help}) en ${v.nodes.slice(0, 4).join(' | ')}`);
    lap('axe');
    const noAlt = (await page.evaluate(`[...document.images].filter((i) => !i.hasAttribute('alt')).map((i) => i.getAttribute('src'))`)) as string[];
    if (noAlt.length) problems.push(`${where}: imágenes sin alt: ${noAlt.join(', ')}`);
    // Text in the colour of its own background (axe leaves a 1:1 contrast for a person to review, as it may be meant to hide).
    const unseen = (await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => {
      if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) return false;
      const s = getComputedStyle(e), r = e.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.backgroundColor !== 'rgba(0, 0, 0, 0)' && s.color === s.backgroundColor;
    }).map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' «' + e.textContent.trim().slice(0, 30) + '»')`)) as string[];
    if (unseen.length) problems.push(`${where}: texto del mismo color que su fondo: ${unseen.slice(0, 4).join(', ')}`);
    if (width < 900) {
      const wide = (await page.evaluate(`(() => {
        const vw = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= vw + 1) return null;
        const culprits = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > vw + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > vw + 1));
        return document.documentElement.scrollWidth + 'px; ' + culprits.slice(0, 4).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '')).join(', ');
      })()`)) as string | null;
      if (wide) problems.push(`${where}: la página es más ancha que el teléfono (${wide})`);
    }
    lap('alt y ancho');
    if (shoot) await screenshot(page, `todas-${who}${pattern.replace(/[/:]+/g, '_').replace(/_$/, '') || '_inicio'}-${width}`);
    lap('captura');
    // Last: it opens the <details> a form is in.
    if (width === 1280) await checkForms(page, where);
    lap('formularios');
  }

  /** Each form (once per method and action pattern): every visible control can be reached with Tab, and it can be sent. */
  async function checkForms(page: Page, where: string) {
    type FormInfo = { key: string; issues: string[] };
    const found = (await page.evaluate(`[...document.forms].map((f) => {
      const action = new URL(f.getAttribute('action') || location.href, location.href);
      const issues = [];
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      // A control inside a closed <details> is reached by opening it from its summary, by keyboard too.
      const closed = [...document.querySelectorAll('details:not([open])')].filter((d) => d.contains(f) || f.contains(d));
      for (const d of closed) {
        const summary = d.querySelector(':scope > summary');
        if (!summary) { issues.push('está dentro de un <details> sin <summary>'); continue; }
        summary.focus();
        if (document.activeElement !== summary) issues.push('el <summary> que lo abre no recibe el foco');
        d.open = true;
      }
      const controls = [...f.querySelectorAll('input, select, textarea, button')].filter((e) => e.type !== 'hidden' && !e.disabled && visible(e) && !e.closest('.hp'));
      for (const e of controls) {
        const name = e.tagName.toLowerCase() + (e.name ? '[name=' + e.name + ']' : '') + (e.id ? '#' + e.id : '');
        if (e.tabIndex < 0) issues.push(name + ' tiene tabindex negativo');
        if (e.closest('[aria-hidden="true"], [inert]')) issues.push(name + ' está oculto para el teclado');
        e.focus();
        if (document.activeElement !== e) issues.push(name + ' no recibe el foco');
      }
      if (controls.length && !f.querySelector('button:not([type=button]):not([type=reset]), input[type=submit], input[type=image]'))
        issues.push('no tiene botón para enviarlo');
      return { key: (f.method || 'get').toUpperCase() + ' ' + action.pathname, issues };
    })`)) as FormInfo[];
    if ((await page.evaluate('document.activeElement && document.activeElement !== document.body')) as boolean) await page.evaluate('document.activeElement.blur()');
    for (const f of found) {
      const [method, path] = f.key.split(' ');
      const key = `${method} ${patternOf(path)?.path ?? path}`;
      if (forms.has(key)) continue;
      forms.set(key, f.issues.map((i) => `${where}: formulario ${key}: ${i}`));
    }
  }

  it('passes axe (WCAG 2.1 A and AA), declares its language, gives every image an alt and fits a phone, at both widths', async () => {
    const started = Date.now();
    const problems: string[] = [];
    const visited = new Set<string>();
    let visits = 0;
    for (const who of WHO) {
      const crawl = crawls.get(who)!;
      // Each pattern once, with the first role that reaches it; each role's panel and menu pages for every role.
      const todo = [...crawl.pages].filter(([p]) => crawl.menu.has(p) || !visited.has(p));
      todo.forEach(([p]) => visited.add(p));
      // Screenshots of the main pages: the role's panel and menu, and the first few pages of each module.
      const shots = new Set<string>();
      const perModule = new Map<string, number>();
      for (const [p] of todo) {
        const module = p.split('/')[1] + (p.startsWith('/admin/') ? '/' + p.split('/')[2] : '');
        const n = perModule.get(module) ?? 0;
        if (crawl.menu.has(p) || n < 3) shots.add(p);
        perModule.set(module, n + 1);
      }
      await Promise.all(
        WIDTHS.map(async (width) => {
          const context: BrowserContext = await browser.newContext({ viewport: { width, height: 900 }, locale: 'es-MX' });
          const page = await context.newPage();
          if (who === 'public') await context.addCookies(cookiesOf(agents.get('public')!));
          else await browserLogin(page, base, account(who).email, account(who).password);
          for (const [pattern, url] of todo) {
            await checkPage(page, who, pattern, url, width, problems, shots.has(pattern));
            visits++;
          }
          await context.close();
        }),
      );
    }
    console.log(`${visits} visitas (${visited.size} patrones) en ${Math.round((Date.now() - started) / 1000)} s; ms por paso: ${JSON.stringify(timing)}`);
    expect(visited.size).toBeGreaterThan(80);
    expect(problems).toEqual([]);
  }, 600_000);

  it('lets every form be filled and sent by keyboard alone', () => {
    expect(forms.size).toBeGreaterThan(40);
    expect([...forms.values()].flat()).toEqual([]);
  });

  /** The cookies of a supertest agent (the citizen's session, HttpOnly included), for a browser context. */
  function cookiesOf(agent: request.Agent) {
    const { hostname } = new URL(base);
    type Jar = { getCookies(access: { domain: string; path: string; secure: boolean; script: boolean }): { name: string; value: string }[] };
    const jar = (agent as unknown as { jar: Jar }).jar;
    const cookies = jar.getCookies({ domain: hostname, path: '/', secure: false, script: false }).map((c) => ({ name: c.name, value: c.value, url: base }));
    if (!cookies.length) throw new Error('El ciudadano de prueba no tiene sesión que pasar al navegador');
    return cookies;
  }
});
