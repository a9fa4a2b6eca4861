/** A progress bar on stderr: redrawn in place on a terminal, a line every 10 % otherwise. */
export function progressBar(unit: string) {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastDecile = -1;
  return {
    update(done: number, total: number) {
      const f = total ? done / total : 1;
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      const eta = rate > 0 ? Math.round((total - done) / rate) : 0;
      const width = 30;
      const line = `[${'#'.repeat(Math.round(f * width)).padEnd(width, '-')}] ${(f * 100).toFixed(0).padStart(3)} % ${done}/${total} ${unit} · ${Math.round(rate)}/s · faltan ~${eta} s`;
      if (tty) process.stderr.write(`\r${line}`);
      else if (Math.floor(f * 10) > lastDecile) {
        lastDecile = Math.floor(f * 10);
        process.stderr.write(`${line}\n`);
      }
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
