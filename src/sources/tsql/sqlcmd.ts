import { diag, type Diagnostic } from '../../model/diagnostics.js';

const VAR_REF = /\$\(([A-Za-z_][\w]*)\)/g;
const SETVAR = /^\s*:setvar\s+([A-Za-z_][\w]*)(?:\s+(?:"((?:[^"]|"")*)"|(\S+)))?/i;

/**
 * SQLCMD variables: `:setvar` lines define (in order, as sqlcmd runs them) and `$(name)` is replaced
 * line by line before lexing, so line numbers stay exact. Undefined variables become their own name (PGS1015).
 * `vars` is the session's variable table and is updated in place.
 */
export function substituteSqlcmdVars(text: string, file: string, vars: Record<string, string>, diagnostics: Diagnostic[], firstLine = 1): string {
  if (!text.includes('$(') && !/:setvar/i.test(text)) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const set = SETVAR.exec(line);
    if (set) {
      vars[set[1]!] = set[2] !== undefined ? set[2].replace(/""/g, '"') : (set[3] ?? '');
      continue;
    }
    if (!line.includes('$(')) continue;
    lines[i] = line.replace(VAR_REF, (whole: string, name: string, offset: number) => {
      const v = vars[name] ?? Object.entries(vars).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (v !== undefined) return v;
      const col = offset + 1;
      diagnostics.push(diag('PGS1015', `SQLCMD variable $(${name}) is not defined; its name is used instead`, {
        span: { file, line: firstLine + i, col, endLine: firstLine + i, endCol: col + whole.length - 1 },
        suggestion: `pass it with sqlcmdVars or add ':setvar ${name} value'`,
      }));
      return name;
    });
  }
  return lines.join('\n');
}
