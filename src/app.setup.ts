import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { getDataSourceToken } from '@nestjs/typeorm';
import connectPgSimple from 'connect-pg-simple';
import cookieParser from 'cookie-parser';
import type { DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { I18nService } from 'nestjs-i18n';
import passport from 'passport';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { SessionUser } from './auth/users.service';
import { CSRF } from './common/common.module';
import { browserId } from './common/csrf';
import { takeFlash } from './common/flash';
import { navigationFor } from './common/navigation';
import { PUBLIC_DIR, VIEWS_DIR } from './common/paths';
import { requestId } from './common/request-id';
import { parseQueryWithoutNul } from './common/strip-nul.interceptor';
import { registerViews } from './common/views';
import { APP_CONFIG, AppConfig, trustProxySetting } from './config/config';
import { Open311Module } from './open311/open311.module';
import { Metrics } from './health/metrics';
import { Scheduler } from './jobs/scheduler';

export const SESSION_COOKIE = 'cabildo.sid';

/** Everything the Express side of the app needs, shared by main.ts and the tests. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get<AppConfig>(APP_CONFIG);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const csrf = app.get<DoubleCsrfUtilities>(CSRF);
  const i18n = app.get(I18nService);
  const secure = config.COOKIE_SECURE;

  app.disable('x-powered-by');
  app.set('query parser', parseQueryWithoutNul);
  // Which address counts (rate limits, audit) is TRUST_PROXY's alone: without it, a forged
  // X-Forwarded-For is ignored; behind a proxy, each citizen gets their own limits.
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  app.use(requestId);
  // Prometheus: every request timed under its route pattern; /metrics itself before sessions and CSRF.
  const metrics = app.get(Metrics);
  app.use(metrics.observe);
  app.use('/metrics', metrics.serve);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': secure ? [] : null,
        },
      },
      referrerPolicy: { policy: 'same-origin' },
      strictTransportSecurity: secure,
    }),
  );
  app.useStaticAssets(PUBLIC_DIR, { prefix: '/static/', maxAge: config.NODE_ENV === 'production' ? '7d' : 0 });
  app.setBaseViewsDir(VIEWS_DIR);
  app.setViewEngine('hbs');
  app.set('view options', { layout: 'layouts/main' });
  if (config.NODE_ENV === 'production') app.enable('view cache');
  registerViews(i18n, config.TIMEZONE);

  app.use(cookieParser(config.sessionSecret));
  app.use(browserId(secure));
  const PgStore = connectPgSimple(session);
  // The store shares the app's pool: with the embedded database there is exactly one connection.
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  // Expired sessions are pruned by the scheduler, once every 15 minutes across all instances
  // (the store's own timer would run in every instance).
  const store = new PgStore({ pool, tableName: 'session', createTableIfMissing: false, pruneSessionInterval: false });
  app.get(Scheduler).define({
    name: 'session-prune',
    everyMs: config.NODE_ENV === 'test' ? 0 : 15 * 60_000,
    run: () => new Promise<void>((resolve) => store.pruneSessions(() => resolve())),
  });
  app.use(
    session({
      name: SESSION_COOKIE,
      store,
      secret: config.sessionSecret,
      // Secure cookies behind a TLS proxy, whether or not TRUST_PROXY is set (X-Forwarded-Proto).
      proxy: secure || undefined,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: config.SESSION_IDLE_MINUTES * 60_000 },
    }),
  );
  app.use(passport.initialize());
  app.use(passport.session());
  // express-session saves at the end of the response, after the 303 has left: a quick browser
  // could follow the redirect before its flash message (or fresh login) is stored. Save first.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
    res.redirect = ((...args: unknown[]) => {
      // Only sessions that hold something (a login, a flash, a tracked case) are stored.
      if (req.session && Object.keys(req.session).some((k) => k !== 'cookie')) req.session.save(() => redirect(...args));
      else redirect(...args);
    }) as Response['redirect'];
    next();
  });
  // Absolute session lifetime: however active, a session ends after SESSION_MAX_HOURS.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const s = req.session as unknown as { startedAt?: number } | undefined;
    if (s && req.user) {
      s.startedAt ??= Date.now();
      if (Date.now() - s.startedAt > config.SESSION_MAX_HOURS * 3600_000) {
        // Signed out here (passport regenerates the session, erasing the old one), and the request goes on
        // without a user: a staff page sends to the login with its address, and a form's text is kept.
        return req.logout({ keepSessionInfo: false }, (err) => next(err));
      }
    }
    next();
  });
  // Nothing a cache (the browser's, a shared computer's, a proxy's) keeps: staff pages, and the
  // citizen's receipt and tracking pages (they show the tracking code and the case).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.user || /^\/(solicitudes\/acuse|seguimiento)(\/|$)/.test(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const fromQuery = req.query.lang;
    let lang = req.cookies?.lang === 'en' ? 'en' : 'es';
    if (fromQuery === 'en' || fromQuery === 'es') {
      lang = fromQuery;
      res.cookie('lang', lang, { httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 86400_000 });
    }
    const user = req.user as SessionUser | undefined;
    res.locals.lang = lang;
    res.locals.htmlLang = lang === 'en' ? 'en' : 'es-MX';
    res.locals.currentPath = req.path;
    res.locals.municipality = config.MUNICIPALITY_NAME;
    res.locals.csrfToken = csrf.generateCsrfToken(req, res, { overwrite: false, validateOnReuse: false });
    // Only a page takes the flash: an image or script loaded at the same moment (a lazy photo on
    // the page just posted from) must not swallow the message meant for the next page.
    const dest = req.headers['sec-fetch-dest'];
    const isPage = !dest || dest === 'document' || dest === 'iframe';
    res.locals.flash = isPage && !(req.headers.accept ?? '').startsWith('image/') ? takeFlash(req) : [];
    if (user) {
      res.locals.currentUser = { id: user.id, name: user.name, email: user.email, role: user.role, roleLabel: `roles.${user.role}` };
      res.locals.navigation = navigationFor(user.role, req.path);
    }
    next();
  });

  const swagger = new DocumentBuilder()
    .setTitle('Cabildo API')
    .setDescription('La API pública de Cabildo: Open311 GeoReport v2 (solicitudes de servicios públicos) con las extensiones de mySociety.')
    .setVersion('1.0')
    .addApiKey({ type: 'apiKey', in: 'query', name: 'api_key', description: 'Clave de Open311 que emite la administración del H. Ayuntamiento (también va en el cuerpo del POST).' }, 'api_key')
    .build();
  // Only the public API (Open311) is documented: staff and admin routes are not an API and are
  // no one's business to list. The module is the only one scanned, and its own admin pages
  // (/admin/api) are filtered out by path as well.
  const publicDocument = () => {
    const doc = SwaggerModule.createDocument(app, swagger, { include: [Open311Module] });
    doc.paths = Object.fromEntries(Object.entries(doc.paths).filter(([path]) => path.startsWith('/open311/')));
    return doc;
  };
  SwaggerModule.setup('api/docs', app, publicDocument, { customSiteTitle: 'Cabildo API' });
}
