import { diag, type Diagnostic } from '../../model/diagnostics.js';

const VAR_REF = /\$\(([A-Za-z_][\w]*)\)/g;
const SETVAR = /^\s*:setvar\s+([A-Za-z_][\w]*)(?:\s+(?:"((?:[^"]|"")*)"|(\S+)))?/i;

/** SQLCMD's variable table for one session, and its undefined variables' PGS1015 by lower-case name (one per variable). */
export interface SqlcmdState {
  vars: Record<string, string>;
  undefinedVars: Map<string, { diag: Diagnostic; name: string; uses: number }>;
}

export function sqlcmdState(vars: Record<string, string> = {}): SqlcmdState {
  return { vars: { ...vars }, undefinedVars: new Map() };
}

/** The value of $(name): names compare case-insensitively, as in sqlcmd. */
function lookup(vars: Record<string, string>, name: string): string | undefined {
  return vars[name] ?? Object.entries(vars).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * SQLCMD variables: `:setvar` lines define (in order, as sqlcmd runs them, over values passed in) and `$(name)`
 * is replaced line by line before lexing, so line numbers stay exact. An undefined variable becomes its own name
 * and is reported once (PGS1015, at its first use, with the number of uses). `state` is updated in place.
 */
export function substituteSqlcmdVars(text: string, file: string, state: SqlcmdState, diagnostics: Diagnostic[], firstLine = 1): string {
  if (!text.includes('$(') && !/:setvar/i.test(text)) return text;
  const { vars } = state;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const set = SETVAR.exec(line);
    if (set) {
      const name = set[1]!;
      for (const k of Object.keys(vars)) if (k.toLowerCase() === name.toLowerCase()) delete vars[k];
      vars[name] = set[2] !== undefined ? set[2].replace(/""/g, '"') : (set[3] ?? '');
      continue;
    }
    if (!line.includes('$(')) continue;
    lines[i] = line.replace(VAR_REF, (whole: string, name: string, offset: number) => {
      const v = lookup(vars, name);
      if (v !== undefined) return v;
      noteUndefined(state, diagnostics, name, { file, line: firstLine + i, col: offset + 1, length: whole.length });
      return name;
    });
  }
  return lines.join('\n');
}

function noteUndefined(state: SqlcmdState, diagnostics: Diagnostic[], name: string, at: { file: string; line: number; col: number; length: number }): void {
  const key = name.toLowerCase();
  let seen = state.undefinedVars.get(key);
  if (!seen) {
    const d = diag('PGS1015', '', {
      span: { file: at.file, line: at.line, col: at.col, endLine: at.line, endCol: at.col + at.length - 1 },
      suggestion: `pass it with --var ${name}=value or add ':setvar ${name} value'`,
    });
    diagnostics.push(d);
    seen = { diag: d, name, uses: 0 };
    state.undefinedVars.set(key, seen);
  }
  seen.uses++;
  seen.diag.message = `SQLCMD variable $(${seen.name}) is not defined (${seen.uses} use${seen.uses === 1 ? '' : 's'}); its name is used instead`;
}
