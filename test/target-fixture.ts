import type { Catalog, Column, Table } from '../src/model/catalog.js';
import { emptySchema } from '../src/model/catalog.js';
import type { Expr } from '../src/model/expr.js';
import type { SourceSpan } from '../src/model/source.js';
import { dataType, type DataType } from '../src/model/types.js';

export const span = (line: number, col = 1): SourceSpan => ({ file: 'in.sql', line, col, endLine: line, endCol: col + 10 });
export const col = (name: string): Expr => ({ kind: 'column', parts: [name] });
export const num = (value: string): Expr => ({ kind: 'number', value });
export const str = (value: string): Expr => ({ kind: 'string', value });
export const bin = (op: string, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right });
export const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name: [name], args });

export function column(name: string, type: DataType, extra: Partial<Column> = {}): Column {
  return { name, type, nullable: true, span: span(1), ...extra };
}

export function table(schema: string, name: string, columns: Column[], extra: Partial<Table> = {}): Table {
  return { name: { schema, name }, columns, uniques: [], checks: [], foreignKeys: [], indexes: [], options: {}, span: span(1), ...extra };
}

/** A PostgreSQL catalog that uses every feature the printer supports. */
export function fullCatalog(): Catalog {
  const pub = emptySchema('public');
  const sales = emptySchema('Sales');
  sales.declared = true;
  sales.comment = 'sales data';
  pub.collations = [{ name: 'ci', provider: 'icu', locale: 'und-u-ks-level2', deterministic: false }];
  pub.types.push(
    { kind: 'enum', name: { schema: 'public', name: 'order_status' }, values: ['new', "it's shipped"], span: span(2), source: 'type dbo.order_status' },
    { kind: 'domain', name: { schema: 'public', name: 'phone' }, base: dataType('varchar', [20]), nullable: false, span: span(3) },
  );
  pub.sequences.push({ name: { schema: 'public', name: 'order_no' }, type: dataType('bigint'), start: 1000n, increment: 5n, min: 1n, max: 9999999n, cache: 10n, cycle: false, span: span(4) });

  const customers = table('public', 'customers', [
    column('id', dataType('integer'), { nullable: false, identity: { start: 1n, increment: 1n } }),
    column('email', dataType('citext'), { nullable: false, comment: 'login' }),
    column('name', dataType('varchar', [100]), { collation: 'public.ci' }),
    column('phone', dataType('phone', [], { schema: 'public' })),
    column('created', dataType('timestamptz', [3]), { nullable: false, default: { kind: 'call', name: ['current_timestamp'], args: [], niladic: true } }),
    column('User', dataType('text')),
    column('tags', dataType('text', [], { array: true })),
  ], { primaryKey: { columns: [{ column: 'id' }], span: span(5) }, uniques: [{ columns: [{ column: 'email' }], span: span(6) }], comment: "the customers' table", source: 'table dbo.Customers' });

  const orders = table('Sales', 'Order', [
    column('id', dataType('bigint'), { nullable: false, default: call('nextval', str('public.order_no')) }),
    column('customer_id', dataType('integer'), { nullable: false }),
    column('status', dataType('order_status', [], { schema: 'public' }), { nullable: false, default: str('new') }),
    column('qty', dataType('integer'), { nullable: false, default: num('1') }),
    column('price', dataType('numeric', [10, 2]), { nullable: false }),
    column('total', dataType('numeric', [12, 2]), { generated: { expr: bin('*', col('qty'), col('price')), raw: 'qty*price', stored: true } }),
    column('payload', dataType('bytea'), { default: { kind: 'bytes', hex: 'CAFE' } }),
    column('order', dataType('integer')),
  ], {
    primaryKey: { name: 'PK_Order', columns: [{ column: 'id' }], span: span(7) },
    checks: [
      { name: 'ck_qty', expr: bin('>', col('qty'), num('0')), raw: 'qty > 0', span: span(8) },
      { expr: bin('>=', col('price'), num('0')), raw: 'price >= 0', span: span(9) },
      { name: 'ck_old', expr: bin('<', col('qty'), num('1000')), raw: 'qty < 1000', enforced: false, span: span(10) },
    ],
    foreignKeys: [
      { columns: ['customer_id'], ref: { schema: 'public', name: 'customers' }, refColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action', span: span(11) },
      { name: 'fk_unchecked', columns: ['customer_id'], ref: { schema: 'public', name: 'customers' }, refColumns: ['id'], enforced: false, span: span(12) },
    ],
    indexes: [
      { unique: false, kind: 'plain', columns: [{ column: 'customer_id' }, { column: 'id', desc: true }], include: ['qty'], span: span(13) },
      { name: 'ix_qty_price', unique: false, kind: 'plain', columns: [{ column: '', expr: bin('*', call('abs', col('qty')), { kind: 'cast', expr: col('price'), type: dataType('integer'), form: 'cast' }) }], include: [], where: { kind: 'isnull', expr: col('payload'), not: true }, span: span(14) },
      { name: 'ix_hash', unique: false, kind: 'hash', columns: [{ column: 'qty' }], include: [], span: span(15) },
    ],
    comment: 'orders',
    source: 'table Sales.[Order]',
  });

  const events = table('public', 'events', [
    column('id', dataType('integer'), { nullable: false }),
    column('at', dataType('date'), { nullable: false }),
  ], {
    partition: {
      method: 'range', expr: [col('at')], raw: 'RANGE (at)', span: span(16),
      partitions: [
        { name: 'events_2023', bound: 'less-than', values: [str('2024-01-01')] },
        { name: 'events_2024', bound: 'less-than', values: [str('2025-01-01')] },
        { name: 'events_max', bound: 'less-than', values: 'maxvalue' },
      ],
    },
  });
  const regions = table('public', 'regions', [column('code', dataType('char', [2]), { nullable: false })], {
    partition: {
      method: 'list', expr: [col('code')], raw: 'LIST (code)', span: span(17),
      partitions: [
        { name: 'regions_eu', bound: 'in', values: [str('DE'), str('FR')] },
        { name: 'regions_us', bound: 'in', values: [str('US')] },
      ],
    },
  });
  const buckets = table('public', 'buckets', [column('id', dataType('integer'), { nullable: false })], {
    partition: { method: 'hash', expr: [col('id')], count: 3, partitions: [], raw: 'HASH (id) PARTITIONS 3', span: span(18) },
  });
  pub.tables.push(customers, events, regions, buckets);
  sales.tables.push(orders);

  // Input order puts the dependent view first: the sort must move it after its base.
  sales.views.push(
    { name: { schema: 'Sales', name: 'big_orders' }, text: 'CREATE VIEW "Sales".big_orders AS SELECT * FROM "Sales".order_totals WHERE total > 100', query: 'SELECT * FROM "Sales".order_totals WHERE total > 100', options: {}, span: span(20) },
    { name: { schema: 'Sales', name: 'order_totals' }, text: 'CREATE VIEW "Sales".order_totals AS SELECT customer_id, sum(total) AS total FROM "Sales"."Order" GROUP BY customer_id;', query: 'SELECT customer_id, sum(total) AS total FROM "Sales"."Order" GROUP BY customer_id', options: {}, span: span(21) },
  );
  pub.routines.push({
    kind: 'function', name: { schema: 'public', name: 'touch' }, signature: 'public.touch()',
    text: "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created := now(); RETURN NEW; END $$",
    span: span(22),
  });
  pub.triggers.push({
    name: { schema: 'public', name: 'customers_touch' }, table: { schema: 'public', name: 'customers' }, timing: 'before', events: ['update'],
    text: 'CREATE TRIGGER customers_touch BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.touch()', span: span(23),
  });
  return { dialect: 'postgres', schemas: [pub, sales], diagnostics: [], extensions: ['citext'] };
}
