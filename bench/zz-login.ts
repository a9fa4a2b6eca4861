import { Browser, csrfOf } from './lib/http';
(async () => { const b = new Browser('http://127.0.0.1:3911'); const f = await b.get('/login');
  await b.post('/login', { email: 'bench.atencion@tampacan.gob.mx', password: 'Bench-Tampacan-2026', _csrf: csrfOf(f.text) }); console.log(b.cookieHeader); })();
