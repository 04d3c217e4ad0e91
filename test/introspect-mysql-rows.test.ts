import { describe, expect, it } from 'vitest';
import { catalogFromRows, type CatalogRows, type Row } from '../src/sources/mysql/catalog-rows.js';
import { parseMysqlUrl } from '../src/sources/mysql/introspect.js';

// Recorded information_schema rows in the documented shapes → exact IR (no server needed), for the
// MySQL 8 spelling of defaults, which the MariaDB integration run cannot exercise.
const base = (over: Partial<CatalogRows>): CatalogRows => ({
  flavor: 'mysql', origin: 'mysql://db:3306', schemas: ['shop'], tables: [], columns: [], statistics: [], keyColumnUsage: [],
  referentialConstraints: [], tableConstraints: [], checkConstraints: [], views: [], routines: [], triggers: [], partitions: [],
  events: [], createText: new Map(), ...over,
});
const col = (name: string, type: string, def: string | null, extra = '', nullable = 'YES'): Row => ({
  TABLE_SCHEMA: 'shop', TABLE_NAME: 'item', COLUMN_NAME: name, COLUMN_DEFAULT: def, IS_NULLABLE: nullable,
  DATA_TYPE: type.replace(/\(.*$/, ''), COLUMN_TYPE: type, CHARACTER_SET_NAME: null, COLLATION_NAME: null, EXTRA: extra,
  COLUMN_COMMENT: '', GENERATION_EXPRESSION: '',
});

describe('catalogFromRows', () => {
  it('reads MySQL 8 raw defaults as literals and DEFAULT_GENERATED ones as expressions', () => {
    const c = catalogFromRows(base({
      tables: [{ TABLE_SCHEMA: 'shop', TABLE_NAME: 'item', TABLE_TYPE: 'BASE TABLE', ENGINE: 'InnoDB', AUTO_INCREMENT: '42', TABLE_COLLATION: 'utf8mb4_0900_ai_ci', CREATE_OPTIONS: 'row_format=COMPRESSED', TABLE_COMMENT: 'items' }],
      columns: [
        col('id', 'bigint unsigned', null, 'auto_increment', 'NO'),
        col('name', 'varchar(20)', "it's", '', 'NO'),
        col('qty', 'int', '0'),
        col('flags', 'bit(3)', "b'101'"),
        col('made', 'datetime(3)', 'CURRENT_TIMESTAMP(3)', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)'),
        col('note', 'text', null),
      ],
    }));
    const t = c.schemas[0]!.tables[0]!;
    expect(t.options).toEqual({ engine: 'InnoDB', charset: 'utf8mb4', collate: 'utf8mb4_0900_ai_ci', row_format: 'COMPRESSED', auto_increment: '42' });
    expect(t.comment).toBe('items');
    expect(t.columns.map((x) => [x.name, x.type.name, x.type.args, x.type.unsigned ?? false, x.nullable, x.defaultRaw ?? null])).toEqual([
      ['id', 'bigint', [], true, false, null],
      ['name', 'varchar', [20], false, false, "'it''s'"],
      ['qty', 'int', [], false, true, '0'],
      ['flags', 'bit', [3], false, true, "b'101'"],
      ['made', 'datetime', [3], false, true, 'CURRENT_TIMESTAMP(3)'],
      ['note', 'text', [], false, true, null],
    ]);
    expect(t.columns[0]!.identity).toEqual({ start: 1n, increment: 1n, autoIncrement: true });
    expect(t.columns[1]!.default).toMatchObject({ kind: 'string', value: "it's" });
    expect(t.columns[4]!.onUpdate).toMatchObject({ kind: 'call', name: ['CURRENT_TIMESTAMP'] });
    expect(t.columns[0]!.span).toEqual({ file: 'mysql://db:3306/shop.item.id', line: 0, col: 0, endLine: 0, endCol: 0 });
  });

  it('places MySQL 8 CHECKs through TABLE_CONSTRAINTS and keeps NOT ENFORCED', () => {
    const c = catalogFromRows(base({
      tables: [{ TABLE_SCHEMA: 'shop', TABLE_NAME: 'item', TABLE_TYPE: 'BASE TABLE', ENGINE: 'InnoDB', AUTO_INCREMENT: null, TABLE_COLLATION: null, CREATE_OPTIONS: '', TABLE_COMMENT: '' }],
      columns: [col('qty', 'int', null)],
      tableConstraints: [{ CONSTRAINT_SCHEMA: 'shop', CONSTRAINT_NAME: 'item_chk_1', TABLE_SCHEMA: 'shop', TABLE_NAME: 'item', CONSTRAINT_TYPE: 'CHECK', ENFORCED: 'NO' }],
      checkConstraints: [{ CONSTRAINT_SCHEMA: 'shop', CONSTRAINT_NAME: 'item_chk_1', CHECK_CLAUSE: '(`qty` > 0)' }],
    }));
    const [check] = c.schemas[0]!.tables[0]!.checks;
    expect(check).toMatchObject({ name: 'item_chk_1', raw: '(`qty` > 0)', enforced: false });
  });

  it('carries an index comment onto its key or index (COMMENT ON INDEX / CONSTRAINT)', () => {
    const stat = (index: string, column: string, nonUnique: string, comment: string): Row => ({
      TABLE_SCHEMA: 'shop', TABLE_NAME: 'item', INDEX_NAME: index, COLUMN_NAME: column, SEQ_IN_INDEX: 1, NON_UNIQUE: nonUnique,
      INDEX_TYPE: 'BTREE', INDEX_COMMENT: comment, SUB_PART: null, COLLATION: 'A', EXPRESSION: null,
    });
    const c = catalogFromRows(base({
      tables: [{ TABLE_SCHEMA: 'shop', TABLE_NAME: 'item', TABLE_TYPE: 'BASE TABLE', ENGINE: 'InnoDB', AUTO_INCREMENT: null, TABLE_COLLATION: null, CREATE_OPTIONS: '', TABLE_COMMENT: '' }],
      columns: [col('id', 'int', null, '', 'NO'), col('sku', 'varchar(20)', null), col('qty', 'int', null)],
      statistics: [stat('PRIMARY', 'id', '0', 'the key'), stat('uq_sku', 'sku', '0', ''), stat('ix_qty', 'qty', '1', 'stock reports')],
    }));
    const t = c.schemas[0]!.tables[0]!;
    expect(t.primaryKey?.comment).toBe('the key');
    expect(t.uniques.map((k) => [k.name, k.comment])).toEqual([['uq_sku', undefined]]);
    expect(t.indexes.map((k) => [k.name, k.comment])).toEqual([['ix_qty', 'stock reports']]);
    expect(c.diagnostics.filter((d) => d.code === 'PGS1011')).toEqual([]);
  });

  it('takes the password from PGSHIFT_SOURCE_PASSWORD when the URL has none', () => {
    process.env.PGSHIFT_SOURCE_PASSWORD = 'pw';
    try {
      expect(parseMysqlUrl('mariadb://app@db.local/shop')).toEqual({ host: 'db.local', port: 3306, user: 'app', password: 'pw', database: 'shop', origin: 'mysql://db.local:3306' });
    } finally {
      delete process.env.PGSHIFT_SOURCE_PASSWORD;
    }
  });
});
