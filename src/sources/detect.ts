import type { ScriptText } from './script.js';

/** Telltale marks of each dialect, with weights. Infers --from only when one side clearly wins. */
const MARKS: { dialect: 'tsql' | 'mysql'; re: RegExp; weight: number }[] = [
  { dialect: 'tsql', re: /^\s*GO\s*$/im, weight: 3 },
  { dialect: 'tsql', re: /\[[A-Za-z_][\w ]*\]\s*\.\s*\[/, weight: 3 },
  { dialect: 'tsql', re: /\bIDENTITY\s*\(/i, weight: 2 },
  { dialect: 'tsql', re: /\bN?VARCHAR\s*\(\s*MAX\s*\)/i, weight: 2 },
  { dialect: 'tsql', re: /\bNVARCHAR\b|\bUNIQUEIDENTIFIER\b|\bDATETIME2\b/i, weight: 1 },
  { dialect: 'tsql', re: /\bON\s+\[PRIMARY\]/i, weight: 3 },
  { dialect: 'tsql', re: /\bsp_\w+/i, weight: 1 },
  { dialect: 'mysql', re: /`[^`\n]+`/, weight: 3 },
  { dialect: 'mysql', re: /\bENGINE\s*=/i, weight: 3 },
  { dialect: 'mysql', re: /\bAUTO_INCREMENT\b/i, weight: 2 },
  { dialect: 'mysql', re: /^\s*DELIMITER\s+\S+/im, weight: 3 },
  { dialect: 'mysql', re: /\/\*!\d{5}/, weight: 3 },
  { dialect: 'mysql', re: /\bUNSIGNED\b|\bTINYTEXT\b|\bLONGTEXT\b|\bMEDIUMINT\b/i, weight: 1 },
];

export function detectDialect(scripts: ScriptText[]): 'tsql' | 'mysql' | undefined {
  let tsql = 0, mysql = 0;
  for (const s of scripts) {
    const text = s.segmented?.head ?? s.text;
    const head = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
    for (const m of MARKS) if (m.re.test(head)) m.dialect === 'tsql' ? (tsql += m.weight) : (mysql += m.weight);
  }
  if (tsql >= 3 && tsql >= 2 * mysql) return 'tsql';
  if (mysql >= 3 && mysql >= 2 * tsql) return 'mysql';
  return undefined;
}
