import type { Table } from '../../src/model/catalog.js';

/**
 * Deterministic rows for a parsed schema: ids 1..n in every single-column integer key, foreign keys pointing at
 * ids 1..n through a bijection (so composite keys of two FKs stay unique), every 4th nullable value NULL, and
 * strings / dates / decimals varied in case, month ends and leap days. Returned as INSERT IGNORE statements.
 */
export function generateInserts(tables: Table[], n = 7): string {
  const out: string[] = [];
  for (const t of tables) {
    const fkIndex = new Map<string, number>();
    t.foreignKeys.forEach((fk, k) => fk.columns.forEach((c) => fkIndex.set(c.toLowerCase(), k)));
    const pk = t.primaryKey?.columns.map((p) => p.column.toLowerCase()) ?? [];
    const rows: string[] = [];
    for (let i = 1; i <= n; i++) {
      rows.push(`(${t.columns.map((c) => literal(c.name, c.type, c.nullable, i, n, fkIndex.get(c.name.toLowerCase()), pk.length === 1 && pk[0] === c.name.toLowerCase())).join(', ')})`);
    }
    out.push(`INSERT IGNORE INTO \`${t.name.name}\` (${t.columns.map((c) => `\`${c.name}\``).join(', ')}) VALUES\n${rows.join(',\n')};`);
  }
  return out.join('\n');
}

const DATES = ['2024-02-29', '2023-01-31', '2023-12-31', '2020-03-01', '2000-02-29', '2024-04-30', '2005-05-25'];
const MULTIPLIERS = [3, 5, 2, 4, 6];

function literal(
  name: string, type: Table['columns'][number]['type'], nullable: boolean, i: number, n: number, fk: number | undefined, isKey: boolean,
): string {
  if (fk !== undefined) return String(((i * MULTIPLIERS[fk % MULTIPLIERS.length]! + fk) % n) + 1);
  if (isKey) return String(i);
  if (nullable && i % 4 === 0) return 'NULL';
  const t = type.name.toLowerCase();
  const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;
  switch (t) {
    case 'tinyint':
      return type.args[0] === 1 ? String(i % 2) : String((i * 7) % 100);
    case 'smallint': case 'mediumint': case 'int': case 'integer': case 'bigint':
      return String((i * 37) % 100);
    case 'decimal': case 'numeric': {
      const scale = Number(type.args[1] ?? 0);
      return (i * 1.37).toFixed(scale);
    }
    case 'float': case 'double': case 'real':
      return String(i * 0.25);
    case 'year':
      return String(2000 + i);
    case 'date':
      return q(DATES[i % DATES.length]!);
    case 'datetime': case 'timestamp':
      return q(`${DATES[i % DATES.length]!} ${String((i * 5) % 24).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')}:07`);
    case 'time':
      return q(`${String((i * 5) % 24).padStart(2, '0')}:30:00`);
    case 'enum': case 'set':
      return q(type.values?.[i % (type.values.length || 1)] ?? '');
    case 'blob': case 'tinyblob': case 'mediumblob': case 'longblob': case 'binary': case 'varbinary':
      return nullable ? 'NULL' : "''";
    case 'json':
      return q(JSON.stringify({ k: i }));
    default: {
      const max = Number(type.args[0] ?? 255);
      const words = ['Alpha', 'beta', 'GAMMA', 'delta Echo', 'foxtrot  ', 'Hotel-India', 'juliet'];
      return q(`${words[i % words.length]} ${name} ${i}`.slice(0, Math.max(1, max)));
    }
  }
}
