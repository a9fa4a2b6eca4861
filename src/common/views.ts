import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import hbs from 'hbs';
import type { I18nService } from 'nestjs-i18n';

type CompileOptions = Parameters<typeof hbs.handlebars.compile>[1];
import { VIEWS_DIR } from './paths';
import { formatDay, formatShort } from './local-time';

type HelperOptions = { hash: Record<string, unknown>; data: { root: Record<string, unknown> }; fn?: (ctx: unknown) => string; inverse?: (ctx: unknown) => string };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/**
 * Partials and helpers are registered synchronously, once, before the app listens
 * (hbs.registerPartials is asynchronous and a first request could miss them).
 */
export function registerViews(i18n: I18nService<any>, timezone: string): void {
  // Handlebars indents every line a standalone partial writes by the indentation of its
  // `{{> name}}` tag, text inside a <textarea> included: each save of a form then added four
  // spaces to every line typed. No template of ours wants that, so no compile does it (hbs
  // compiles views itself without options, hence the default here).
  const H0 = hbs.handlebars as typeof hbs.handlebars & { __preventIndent?: boolean };
  if (!H0.__preventIndent) {
    const compile = H0.compile.bind(H0);
    H0.compile = ((input: unknown, options?: CompileOptions) => compile(input as string, { ...options, preventIndent: true })) as typeof H0.compile;
    H0.__preventIndent = true;
  }
  const partialsDir = join(VIEWS_DIR, 'partials');
  for (const file of walk(partialsDir).filter((f) => f.endsWith('.hbs'))) {
    const name = relative(partialsDir, file).replace(/\\/g, '/').replace(/\.hbs$/, '');
    // Compiled once here: a partial registered as a string is compiled again on every render.
    hbs.registerPartial(name, hbs.handlebars.compile(readFileSync(file, 'utf8')) as unknown as string);
  }
  const H = hbs.handlebars;
  const numbers = new Map<string, Intl.NumberFormat>();

  const langOf = (options: HelperOptions) => (options?.data?.root?.lang as string) || 'es';
  const locale = (lang: string) => (lang === 'en' ? 'en-US' : 'es-MX');

  // The translations do not change while the app runs (no file watching): a key without
  // arguments is looked up once per language (an inbox page asks for ~200 of them).
  const plainKeys = new Map<string, string>();
  hbs.registerHelper('t', function (key: string, options: HelperOptions) {
    const lang = langOf(options);
    let args = options?.hash ?? {};
    // A count `n` also chooses the plural form (ICU rules through nestjs-i18n: zero/one/other).
    if (args.n !== undefined && args.count === undefined && Number.isFinite(Number(args.n))) args = { ...args, count: Number(args.n) };
    if (Object.keys(args).length) return i18n.t(key as never, { lang, args }) as string;
    const memo = `${lang}\u0000${key}`;
    let text = plainKeys.get(memo);
    if (text === undefined) {
      text = i18n.t(key as never, { lang, args }) as string;
      if (plainKeys.size < 20_000) plainKeys.set(memo, text);
    }
    return text;
  });
  // Words the application stores in Spanish (the timeline's "Ciudadano(a)", Open311's unknown
  // locality): shown in the page's language, while the stored data stays as it is.
  const stored = i18n.t('stored' as never, { lang: 'es' }) as unknown as Record<string, string>;
  const storedWords = new Set(typeof stored === 'object' && stored ? Object.keys(stored) : []);
  hbs.registerHelper('stored', function (value: unknown, options: HelperOptions) {
    if (typeof value !== 'string' || !storedWords.has(value)) return value;
    const all = i18n.t('stored' as never, { lang: langOf(options) }) as unknown as Record<string, string>;
    return all?.[value] ?? value;
  });
  hbs.registerHelper('eq', (a: unknown, b: unknown) => String(a) === String(b));
  hbs.registerHelper('ne', (a: unknown, b: unknown) => String(a) !== String(b));
  hbs.registerHelper('gt', (a: number, b: number) => Number(a) > Number(b));
  hbs.registerHelper('lt', (a: number, b: number) => Number(a) < Number(b));
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  hbs.registerHelper('not', (a: unknown) => !a);
  hbs.registerHelper('includes', (list: unknown, v: unknown) => Array.isArray(list) && list.map(String).includes(String(v)));
  hbs.registerHelper('selected', (a: unknown, b: unknown) => (a != null && String(a) === String(b) ? 'selected' : ''));
  hbs.registerHelper('checked', (a: unknown) => (a === true || a === 'true' || a === 'on' || a === '1' ? 'checked' : ''));
  hbs.registerHelper('json', (v: unknown) => new H.SafeString(JSON.stringify(v ?? null).replace(/</g, '\\u003c')));
  hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
  hbs.registerHelper('default', (v: unknown, d: unknown) => (v === undefined || v === null || v === '' ? d : v));
  hbs.registerHelper('formatDate', function (d: unknown, options: HelperOptions) {
    if (!d) return '';
    const date = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T12:00:00Z`) : new Date(d as string);
    if (Number.isNaN(date.getTime())) return '';
    // A bare day is a calendar day (no zone); an instant is shown on the town hall's clock.
    const tz = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? 'UTC' : timezone;
    return formatShort(date, tz, { lang: langOf(options) });
  });
  hbs.registerHelper('formatDateTime', function (d: unknown, options: HelperOptions) {
    if (!d) return '';
    const date = new Date(d as string);
    if (Number.isNaN(date.getTime())) return '';
    return formatShort(date, timezone, { lang: langOf(options), withTime: true });
  });
  // "2026-12" for people: "diciembre de 2026" / "December 2026".
  hbs.registerHelper('formatMonth', function (month: unknown, options: HelperOptions) {
    if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return month ?? '';
    return formatDay(`${month}-01`, { lang: langOf(options), style: { month: 'long', year: 'numeric' } });
  });
  hbs.registerHelper('isoDateTime', (d: unknown) => (d ? new Date(d as string).toISOString() : ''));
  hbs.registerHelper('formatNumber', function (n: unknown, options: HelperOptions) {
    const x = Number(n);
    const lang = locale(langOf(options));
    if (!numbers.has(lang)) numbers.set(lang, new Intl.NumberFormat(lang));
    return Number.isFinite(x) ? numbers.get(lang)!.format(x) : '';
  });
}
