import { describe, expect, test } from 'vitest';
import type { Expr } from '../src/model/expr.js';
import { dataType } from '../src/model/types.js';
import { printExpr, printMigration, printType, quoteIdent } from '../src/target/postgres/print.js';
import { bin, col, column, fullCatalog, num, str, table } from './target-fixture.js';
import { emptySchema, type Catalog } from '../src/model/catalog.js';

const ups = (c: Catalog, file: string) => printMigration(c).phases.find((p) => p.file === file)!.up.map((s) => s.sql);
const downs = (c: Catalog, file: string) => printMigration(c).phases.find((p) => p.file === file)!.down.map((s) => s.sql);

describe('quoteIdent', () => {
  test.each([
    ['orders', 'orders'],
    ['Orders', '"Orders"'],
    ['order', '"order"'],
    ['user', '"user"'],
    ['left', '"left"'],
    ['a"b', '"a""b"'],
    ['_x$1', '_x$1'],
    ['1abc', '"1abc"'],
    ['naïve', '"naïve"'],
    ['name', 'name'],
  ])('%s → %s', (input, out) => expect(quoteIdent(input)).toBe(out));
});

describe('printType', () => {
  test.each([
    [dataType('integer'), 'integer'],
    [dataType('numeric', [10, 2]), 'numeric(10, 2)'],
    [dataType('double precision'), 'double precision'],
    [dataType('timestamp with time zone', [3]), 'timestamp(3) with time zone'],
    [dataType('text', [], { array: true }), 'text[]'],
    [dataType('Status', [], { schema: 'Sales' }), '"Sales"."Status"'],
    [dataType('varchar', ['max']), 'varchar'],
  ])('%j', (t, out) => expect(printType(t)).toBe(out));
});

describe('printExpr precedence', () => {
  const a = col('a'), b = col('b'), c = col('c');
  test.each<[string, Expr, string]>([
    ['right-nested minus', bin('-', a, bin('-', b, c)), 'a - (b - c)'],
    ['left-nested minus', bin('-', bin('-', a, b), c), 'a - b - c'],
    ['or under and', bin('and', bin('or', a, b), c), '(a OR b) AND c'],
    ['and under or', bin('or', bin('and', a, b), c), 'a AND b OR c'],
    ['not of comparison', { kind: 'unary', op: 'not', operand: bin('=', a, b) }, 'NOT (a = b)'],
    ['mul over add', bin('*', bin('+', a, b), c), '(a + b) * c'],
    ['add over mul', bin('+', a, bin('*', b, c)), 'a + b * c'],
    ['concat of sum', bin('||', bin('+', a, b), str("it's")), "a + b || 'it''s'"],
    ['comparison chain', bin('=', bin('=', a, b), c), '(a = b) = c'],
    ['paren kept', { kind: 'paren', expr: bin('+', a, b) }, '(a + b)'],
    ['double negation', { kind: 'unary', op: '-', operand: num('-1') }, '-(-1)'],
    ['negated sum', { kind: 'unary', op: '-', operand: bin('+', a, b) }, '-(a + b)'],
    ['mysql null-safe', bin('<=>', a, b), 'a IS NOT DISTINCT FROM b'],
    ['is null of and', { kind: 'isnull', expr: bin('and', a, b) }, '(a AND b) IS NULL'],
    ['between sum', { kind: 'between', expr: a, low: bin('+', b, num('1')), high: c, not: true }, 'a NOT BETWEEN b + 1 AND c'],
    ['in list', { kind: 'in', expr: a, list: [num('1'), str('x')], not: true }, "a NOT IN (1, 'x')"],
    ['like escape', { kind: 'like', op: 'like', expr: a, pattern: str('x!%'), escape: str('!') }, "a LIKE 'x!%' ESCAPE '!'"],
    ['rlike', { kind: 'like', op: 'rlike', expr: a, pattern: str('^x'), not: true }, "a !~ '^x'"],
    ['case', { kind: 'case', whens: [{ when: bin('>', a, num('0')), then: str('pos') }], else: { kind: 'null' } }, "CASE WHEN a > 0 THEN 'pos' ELSE NULL END"],
    ['cast', { kind: 'cast', expr: a, type: dataType('numeric', [5, 1]), form: 'pg' }, 'CAST(a AS numeric(5, 1))'],
    ['bytes', { kind: 'bytes', hex: '0a0b' }, "'\\x0a0b'::bytea"],
    ['niladic', { kind: 'call', name: ['CURRENT_TIMESTAMP'], args: [], niladic: true }, 'CURRENT_TIMESTAMP'],
    ['call quoting', { kind: 'call', name: ['Sales', 'MyFn'], args: [col('Order')] }, '"Sales"."MyFn"("Order")'],
    ['count star', { kind: 'call', name: ['count'], args: [], star: true }, 'count(*)'],
    ['interval literal', { kind: 'interval', value: num('3'), unit: 'day' }, "INTERVAL '3 day'"],
    ['interval expr', { kind: 'interval', value: col('n'), unit: 'hour' }, "(n) * INTERVAL '1 hour'"],
    ['interval compound', { kind: 'interval', value: str('1:30'), unit: 'hour_minute' }, "INTERVAL '1:30' HOUR TO MINUTE"],
    ['exists', { kind: 'exists', query: 'SELECT 1', not: true }, 'NOT EXISTS (SELECT 1)'],
    ['qualified column', { kind: 'column', parts: ['T', 'select'] }, '"T"."select"'],
    ['booleans', bin('and', { kind: 'bool', value: true }, { kind: 'bool', value: false }), 'TRUE AND FALSE'],
  ])('%s', (_, e, out) => expect(printExpr(e)).toBe(out));

  test('opaque is a print failure', () => {
    expect(() => printExpr({ kind: 'opaque', text: 'x COLLATE y' })).toThrow(/not converted/);
  });
});

describe('printMigration', () => {
  test('phases in order, empty ones omitted', () => {
    expect(printMigration(fullCatalog()).phases.map((p) => p.file)).toEqual([
      '0010_schemas_types', '0020_sequences', '0030_tables', '0050_keys_indexes', '0060_foreign_keys', '0070_views', '0080_routines', '0090_triggers', '0100_comments',
    ]);
  });

  test('schemas, collations, enums, domains', () => {
    const c = fullCatalog();
    expect(ups(c, '0010_schemas_types')).toEqual([
      'CREATE EXTENSION IF NOT EXISTS citext;',
      'CREATE SCHEMA "Sales";',
      "CREATE COLLATION public.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);",
      "CREATE TYPE public.order_status AS ENUM ('new', 'it''s shipped');",
      'CREATE DOMAIN public.phone AS varchar(20) NOT NULL;',
    ]);
    expect(downs(c, '0010_schemas_types')).toEqual([
      'DROP DOMAIN public.phone;', 'DROP TYPE public.order_status;', 'DROP COLLATION public.ci;', 'DROP SCHEMA "Sales";', 'DROP EXTENSION IF EXISTS citext;',
    ]);
  });

  test('sequences', () => {
    expect(ups(fullCatalog(), '0020_sequences')).toEqual([
      'CREATE SEQUENCE public.order_no AS bigint INCREMENT BY 5 MINVALUE 1 MAXVALUE 9999999 START WITH 1000 CACHE 10 NO CYCLE;',
    ]);
  });

  test('tables with every column feature and partitions', () => {
    const sql = ups(fullCatalog(), '0030_tables');
    expect(sql[0]).toBe(`CREATE TABLE public.customers (
  id integer GENERATED BY DEFAULT AS IDENTITY (START WITH 1 INCREMENT BY 1),
  email citext NOT NULL,
  name varchar(100) COLLATE public.ci,
  phone public.phone,
  created timestamptz(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "User" text,
  tags text[]
);`);
    expect(sql.slice(1, 5)).toEqual([
      'CREATE TABLE public.events (\n  id integer NOT NULL,\n  at date NOT NULL\n) PARTITION BY RANGE (at);',
      "CREATE TABLE public.events_2023 PARTITION OF public.events FOR VALUES FROM (MINVALUE) TO ('2024-01-01');",
      "CREATE TABLE public.events_2024 PARTITION OF public.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');",
      "CREATE TABLE public.events_max PARTITION OF public.events FOR VALUES FROM ('2025-01-01') TO (MAXVALUE);",
    ]);
    expect(sql.slice(5, 8)).toEqual([
      'CREATE TABLE public.regions (\n  code char(2) NOT NULL\n) PARTITION BY LIST (code);',
      "CREATE TABLE public.regions_eu PARTITION OF public.regions FOR VALUES IN ('DE', 'FR');",
      "CREATE TABLE public.regions_us PARTITION OF public.regions FOR VALUES IN ('US');",
    ]);
    expect(sql.slice(9, 12)).toEqual([0, 1, 2].map((i) => `CREATE TABLE public.buckets_p${i} PARTITION OF public.buckets FOR VALUES WITH (MODULUS 3, REMAINDER ${i});`));
    expect(sql[12]).toBe(`CREATE TABLE "Sales"."Order" (
  id bigint NOT NULL DEFAULT nextval('public.order_no'),
  customer_id integer NOT NULL,
  status public.order_status NOT NULL DEFAULT 'new',
  qty integer NOT NULL DEFAULT 1,
  price numeric(10, 2) NOT NULL,
  total numeric(12, 2) GENERATED ALWAYS AS (qty * price) STORED,
  payload bytea DEFAULT '\\xCAFE'::bytea,
  "order" integer,
  CONSTRAINT ck_qty CHECK (qty > 0),
  CHECK (price >= 0)
);`);
    expect(downs(fullCatalog(), '0030_tables')[0]).toBe('DROP TABLE "Sales"."Order";');
    expect(downs(fullCatalog(), '0030_tables').at(-1)).toBe('DROP TABLE public.customers;');
  });

  test('keys and indexes: generated names, expression, partial, include, desc, method', () => {
    const c = fullCatalog();
    expect(ups(c, '0050_keys_indexes')).toEqual([
      'ALTER TABLE public.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);',
      'ALTER TABLE public.customers ADD CONSTRAINT customers_email_key UNIQUE (email);',
      'ALTER TABLE "Sales"."Order" ADD CONSTRAINT "PK_Order" PRIMARY KEY (id);',
      'CREATE INDEX "Order_customer_id_id_idx" ON "Sales"."Order" (customer_id, id DESC) INCLUDE (qty);',
      'CREATE INDEX ix_qty_price ON "Sales"."Order" ((abs(qty) * CAST(price AS integer))) WHERE payload IS NOT NULL;',
      'CREATE INDEX ix_hash ON "Sales"."Order" USING hash (qty);',
    ]);
    expect(downs(c, '0050_keys_indexes')).toEqual([
      'DROP INDEX "Sales".ix_hash;',
      'DROP INDEX "Sales".ix_qty_price;',
      'DROP INDEX "Sales"."Order_customer_id_id_idx";',
      'ALTER TABLE "Sales"."Order" DROP CONSTRAINT "PK_Order";',
      'ALTER TABLE public.customers DROP CONSTRAINT customers_email_key;',
      'ALTER TABLE public.customers DROP CONSTRAINT customers_pkey;',
    ]);
  });

  test('foreign keys with actions and NOT VALID, unchecked CHECK after data', () => {
    expect(ups(fullCatalog(), '0060_foreign_keys')).toEqual([
      'ALTER TABLE "Sales"."Order" ADD CONSTRAINT "Order_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES public.customers (id) ON DELETE CASCADE ON UPDATE NO ACTION;',
      'ALTER TABLE "Sales"."Order" ADD CONSTRAINT fk_unchecked FOREIGN KEY (customer_id) REFERENCES public.customers (id) NOT VALID;',
      'ALTER TABLE "Sales"."Order" ADD CONSTRAINT ck_old CHECK (qty < 1000) NOT VALID;',
    ]);
  });

  test('views in dependency order, routines, triggers, comments', () => {
    const c = fullCatalog();
    expect(ups(c, '0070_views')).toEqual([
      'CREATE VIEW "Sales".order_totals AS SELECT customer_id, sum(total) AS total FROM "Sales"."Order" GROUP BY customer_id;',
      'CREATE VIEW "Sales".big_orders AS SELECT * FROM "Sales".order_totals WHERE total > 100;',
    ]);
    expect(downs(c, '0070_views')).toEqual(['DROP VIEW "Sales".big_orders;', 'DROP VIEW "Sales".order_totals;']);
    expect(downs(c, '0080_routines')).toEqual(['DROP FUNCTION public.touch();']);
    expect(downs(c, '0090_triggers')).toEqual(['DROP TRIGGER customers_touch ON public.customers;']);
    expect(ups(c, '0100_comments')).toEqual([
      "COMMENT ON TABLE public.customers IS 'the customers'' table';",
      "COMMENT ON COLUMN public.customers.email IS 'login';",
      "COMMENT ON TABLE \"Sales\".\"Order\" IS 'orders';",
      "COMMENT ON SCHEMA \"Sales\" IS 'sales data';",
    ]);
  });

  test('statement objects are source paths, with a fallback to the target name', () => {
    const r = printMigration(fullCatalog());
    const tables = r.phases.find((p) => p.file === '0030_tables')!.up;
    expect(tables[0]!.object).toBe('table dbo.Customers');
    expect(tables[1]!.object).toBe('table public.events');
    expect(r.phases[0]!.up[3]!.object).toBe('type dbo.order_status');
  });

  test('deterministic: same catalog, identical output', () => {
    expect(JSON.stringify(printMigration(fullCatalog()))).toBe(JSON.stringify(printMigration(fullCatalog())));
  });

  test('opaque default moves the table, its keys and the FKs to it to manual', () => {
    const s = emptySchema('public');
    const parent = table('public', 'parent', [
      column('id', dataType('integer'), { nullable: false }),
      column('x', dataType('text'), { default: { kind: 'opaque', text: 'NEXT VALUE FOR s' } }),
    ], { primaryKey: { columns: [{ column: 'id' }], span: { file: 'a.sql', line: 2, col: 3, endLine: 2, endCol: 9 } }, source: 'table dbo.Parent' });
    const child = table('public', 'child', [column('pid', dataType('integer'))], {
      foreignKeys: [{ columns: ['pid'], ref: { schema: 'public', name: 'parent' }, refColumns: ['id'], span: { file: 'a.sql', line: 9, col: 1, endLine: 9, endCol: 5 } }],
    });
    s.tables.push(parent, child);
    const r = printMigration({ dialect: 'postgres', schemas: [s], diagnostics: [] });
    expect(r.phases.map((p) => p.file)).toEqual(['0030_tables']);
    expect(r.phases[0]!.up.map((x) => x.sql)).toEqual(['CREATE TABLE public.child (\n  pid integer\n);']);
    expect(r.manual.map((m) => [m.object, m.kind, m.codes])).toEqual([
      ['table dbo.Parent', 'table', ['PGS6004']],
      ['table public.child', 'constraint', ['PGS6004']],
    ]);
    expect(r.manual[0]!.draft).toBe('CREATE TABLE public.parent (\n  id integer NOT NULL,\n  x text DEFAULT /* not converted: */ NEXT VALUE FOR s\n);\n\nALTER TABLE public.parent ADD CONSTRAINT parent_pkey PRIMARY KEY (id);');
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.object])).toEqual([
      ['PGS6004', 'error', 'table dbo.Parent'],
      ['PGS6004', 'error', 'table public.child'],
    ]);
    expect(r.diagnostics[1]!.message).toBe('constraint not printed: foreign key child_pid_fkey refers to public.parent, which moved to manual/');
  });

  test('generated names avoid collisions and stay within 63 bytes', () => {
    const s = emptySchema('public');
    const long = 'a'.repeat(70);
    s.tables.push(table('public', 't', [column(long, dataType('integer'))], {
      indexes: [
        { unique: false, kind: 'plain', columns: [{ column: long }], include: [], span: { file: 'a', line: 1, col: 1, endLine: 1, endCol: 1 } },
        { unique: true, kind: 'plain', columns: [{ column: long }], include: [], span: { file: 'a', line: 1, col: 1, endLine: 1, endCol: 1 } },
      ],
      checks: [{ expr: bin('>', col(long), num('0')), raw: '', enforced: false, span: { file: 'a', line: 1, col: 1, endLine: 1, endCol: 1 } }],
    }));
    const r = printMigration({ dialect: 'postgres', schemas: [s], diagnostics: [] });
    const idx = r.phases.find((p) => p.file === '0050_keys_indexes')!.up.map((x) => x.sql);
    expect(idx).toEqual([
      `CREATE INDEX t_${'a'.repeat(57)}_idx ON public.t (${long});`,
      `CREATE UNIQUE INDEX t_${'a'.repeat(56)}_idx1 ON public.t (${long});`,
    ]);
    expect(r.phases.find((p) => p.file === '0060_foreign_keys')!.up[0]!.sql).toBe(`ALTER TABLE public.t ADD CONSTRAINT t_check CHECK (${long} > 0) NOT VALID;`);
  });
});
