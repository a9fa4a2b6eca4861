import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { redactContacts } from '../cases/case-publication';
import { markdownToText } from '../press-releases/release-render';

/**
 * Regular-expression denial of service, decided without a clock: recheck (a ReDoS checker)
 * reads every regular-expression literal in src/ and must find each one linear or better. A
 * pattern like the old /[A-Za-z0-9._%+-]+@…/ (quadratic on 4 000 characters without "@") or
 * markdownToText's /\[([^\]]+)\]\(…/ (0.44 s on 20 000 "[") fails here by name and line.
 */
const ROOT = join(__dirname, '..');

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

function literals(): { where: string; source: string; flags: string }[] {
  const found: { where: string; source: string; flags: string }[] = [];
  for (const file of sources(ROOT)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const end = text.lastIndexOf('/');
        found.push({ where: `src/${relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`, source: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('regular expressions cannot be made to backtrack (ReDoS)', () => {
  it('recheck finds every regular-expression literal in src/ safe', () => {
    const all = literals();
    expect(all.length).toBeGreaterThan(200);
    const unsafe = all
      .map((r) => ({ ...r, result: checkSync(r.source, r.flags, { timeout: 10_000 }) }))
      .filter((r) => r.result.status !== 'safe')
      .map((r) => `${r.where} /${r.source}/${r.flags}: ${r.result.status}${r.result.status === 'vulnerable' ? ` (${r.result.complexity.type})` : ''}`);
    expect(unsafe).toEqual([]);
  }, 120_000);

  it('the checker does tell: the patterns the audit found are vulnerable', () => {
    expect(checkSync('[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', 'g').status).toBe('vulnerable');
    expect(checkSync('\\[([^\\]]+)\\]\\(([^)]+)\\)', 'g').status).toBe('vulnerable');
  });

  it('the audit’s inputs still give the right answers', () => {
    expect(redactContacts('a'.repeat(200_000))).toHaveLength(200_000);
    expect(redactContacts(`${'a.'.repeat(3000)} vecina@ejemplo.mx`)).toBe(`${'a.'.repeat(3000)} [correo omitido]`);
    expect(markdownToText('['.repeat(200_000))).toHaveLength(200_000);
    expect(markdownToText('Vea [la nota](https://tampacan.gob.mx/n/1) y **esto**.')).toBe('Vea la nota (https://tampacan.gob.mx/n/1) y esto.');
  });
});
