import { readFileSync } from 'node:fs';
import { Browser, csrfOf } from './lib/http';
const cpu = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
(async () => {
  const pid = Number(process.argv[2]); const base = process.argv[3];
  const b = new Browser(base);
  const f = await b.get('/login');
  await b.post('/login', { email: 'bench.atencion@tampacan.gob.mx', password: 'Bench-Tampacan-2026', _csrf: csrfOf(f.text) });
  for (const p of process.argv[4].split(',')) {
    let st = 0, len = 0;
    for (let i = 0; i < 5; i++) { const r = await b.get(p); st = r.status; len = r.text.length; }
    const c0 = cpu(pid); const t = Date.now();
    for (let i = 0; i < 40; i++) await b.get(p);
    console.log(p.padEnd(30), st, len, 'cpu/req', ((cpu(pid) - c0) / 40).toFixed(1), 'ms  wall/req', ((Date.now() - t) / 40).toFixed(1));
  }
})();
