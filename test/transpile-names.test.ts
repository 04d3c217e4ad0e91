import { describe, expect, test } from 'vitest';
import { transpile } from '../src/transpile/index.js';
import { truncateIdent } from '../src/target/postgres/names.js';
import { c, catalog, check, col, fk, index, key, bin, n, one, opts, schema, table, ty } from './transpile-helpers.js';

const int = ty('int');

describe('names', () => {
  test('lower folds, preserve keeps case; dbo → public', () => {
    const t = table('dbo', 'OrderLines', [col('OrderID', int)], { checks: [check(bin('>', c('OrderID'), n(0)), 'OrderID > 0', { name: 'CK_Positive' })] });
    const lower = one('tsql', t).table;
    expect(lower.name).toEqual({ schema: 'public', name: 'orderlines' });
    expect(lower.columns[0]!.name).toBe('orderid');
    expect(lower.checks[0]).toMatchObject({ name: 'ck_positive', raw: 'orderid > 0' });
    const kept = one('tsql', t, { identifiers: 'preserve' }).table;
    expect(kept.name).toEqual({ schema: 'public', name: 'OrderLines' });
    expect(kept.columns[0]!.name).toBe('OrderID');
    expect(kept.checks[0]!.raw).toBe('"OrderID" > 0');
  });

  test('T-SQL schemas other than dbo keep their folded name; schemaMap overrides case-insensitively', () => {
    const cat = catalog('tsql', [schema('dbo', [table('dbo', 'A', [col('x', int)])]), schema('Sales', [table('Sales', 'B', [col('x', int)])])]);
    expect(transpile(cat, opts()).schemas.map((s) => [s.name, s.declared, s.tables.map((t) => t.name.name)])).toEqual([
      ['public', false, ['a']], ['sales', true, ['b']],
    ]);
    expect(transpile(cat, opts({ schemaMap: { SALES: 'crm', DBO: 'app' } })).schemas.map((s) => s.name)).toEqual(['app', 'crm']);
  });

  test('MySQL: one database → public, several keep their names', () => {
    const single = catalog('mysql', [schema('shop', [table('shop', 't', [col('x', int)])])]);
    expect(transpile(single, opts()).schemas.map((s) => s.name)).toEqual(['public']);
    const unnamed = catalog('mysql', [schema('', [table('', 't', [col('x', int)])])]);
    expect(transpile(unnamed, opts()).schemas.map((s) => s.name)).toEqual(['public']);
    const multi = catalog('mysql', [schema('Shop', [table('Shop', 't', [col('x', int)])]), schema('crm', [table('crm', 'u', [col('x', int)])])]);
    expect(transpile(multi, opts()).schemas.map((s) => s.name)).toEqual(['shop', 'crm']);
    expect(transpile(multi, opts({ schemaMap: { shop: 'public' } })).schemas.map((s) => s.name)).toEqual(['public', 'crm']);
  });

  test('foreign keys and CHECKs are named per table; key constraints and indexes per schema', () => {
    const users = table('shop', 'users', [col('id', int)], { primaryKey: key(['id'], { name: 'PRIMARY' }) });
    // MySQL dumps name an FK and the index that backs it alike; two tables may each have a CHECK named chk_qty.
    const orders = table('shop', 'orders', [col('id', int), col('user_id', int), col('qty', int)], {
      uniques: [key(['id'], { name: 'uq_id' })],
      indexes: [index(['user_id'], { name: 'fk_user' })],
      foreignKeys: [fk(['user_id'], 'shop', 'users', ['id'], { name: 'fk_user' })],
      checks: [check(bin('>', c('qty'), n(0)), 'qty > 0', { name: 'chk_qty' }), check(bin('<', c('qty'), n(9)), 'qty < 9', { name: 'fk_user' })],
    });
    const lines = table('shop', 'lines', [col('id', int), col('qty', int)], {
      checks: [check(bin('>', c('qty'), n(0)), 'qty > 0', { name: 'chk_qty' })],
      uniques: [key(['id'], { name: 'fk_user' })],
    });
    const out = transpile(catalog('mysql', [schema('shop', [users, orders, lines])]), opts());
    const [, o, l] = out.schemas[0]!.tables;
    expect([o!.indexes[0]!.name, o!.foreignKeys[0]!.name, o!.checks.map((k) => k.name), o!.uniques[0]!.name]).toEqual(['fk_user', 'orders_fk_user', ['chk_qty', 'fk_user'], 'uq_id']);
    // A unique constraint names its index: it may not take the index name fk_user of another table.
    expect([l!.checks[0]!.name, l!.uniques[0]!.name]).toEqual(['chk_qty', 'lines_fk_user']);
    expect(out.diagnostics.filter((d) => d.code === 'PGS2010').map((d) => [d.code, d.message])).toEqual([
      // Within one table constraint names stay unique: the CHECK came first.
      ['PGS2010', 'foreign key fk_user collides with another name (fk_user) after folding or truncation; renamed to orders_fk_user'],
      ['PGS2010', 'unique constraint fk_user collides with another name (fk_user) after folding or truncation; renamed to lines_fk_user'],
    ]);
  });

  test('names over 63 bytes are truncated on a character boundary (PGS2011)', () => {
    const long = `${'a'.repeat(60)}ééé`;
    expect(Buffer.byteLength(truncateIdent(long))).toBe(62);
    const r = one('tsql', table('dbo', 'T', [col(long, int)]));
    expect(r.table.columns[0]!.name).toBe(`${'a'.repeat(60)}é`);
    expect(r.out.diagnostics.map((d) => [d.code, d.object])).toEqual([['PGS2011', 'table dbo.T']]);
  });

  test('collisions after folding are made unique and reported (PGS2010)', () => {
    const cat = catalog('mysql', [schema('', [
      table('', 'Users', [col(`${'x'.repeat(63)}_a`, int), col(`${'x'.repeat(63)}_b`, int)]),
      table('', 'users', [col('x', int)]),
    ])]);
    const out = transpile(cat, opts({ caseInsensitive: 'ignore' }));
    const tables = out.schemas[0]!.tables;
    expect(tables.map((t) => t.name.name)).toEqual(['users', 'users_2']);
    expect(tables[0]!.columns.map((x) => x.name)).toEqual(['x'.repeat(63), `${'x'.repeat(61)}_2`]);
    expect(out.diagnostics.map((d) => [d.code, d.object])).toEqual([
      ['PGS2010', 'table users'], ['PGS2011', 'table Users'], ['PGS2011', 'table Users'], ['PGS2010', 'table Users'],
    ]);
  });

  test('index names unique per table in MySQL become <table>_<name> in PostgreSQL', () => {
    const cat = catalog('mysql', [schema('', [
      table('', 'a', [col('name', int)], { indexes: [index(['name'], { name: 'idx_name' })] }),
      table('', 'b', [col('name', int)], { indexes: [index(['name'], { name: 'idx_name' })] }),
      table('', 'c', [col('name', int)], { indexes: [index(['name'], { name: 'idx_name' }), index(['name'], { name: 'b_idx_name' })] }),
    ])]);
    const out = transpile(cat, opts());
    expect(out.schemas[0]!.tables.map((t) => t.indexes.map((i) => i.name))).toEqual([['idx_name'], ['b_idx_name'], ['c_idx_name', 'c_b_idx_name']]);
    // Routine for a MySQL schema, so info rather than a warning.
    expect(out.diagnostics.filter((d) => d.code === 'PGS2010').map((d) => [d.severity, d.message])).toEqual([
      ['info', 'index idx_name: idx_name is taken in the schema (PostgreSQL index names are unique per schema); renamed to b_idx_name'],
      ['info', 'index idx_name: idx_name is taken in the schema (PostgreSQL index names are unique per schema); renamed to c_idx_name'],
      ['info', 'index b_idx_name: b_idx_name is taken in the schema (PostgreSQL index names are unique per schema); renamed to c_b_idx_name'],
    ]);
  });

  test('unnamed constraints stay unnamed; FK targets use the mapped names', () => {
    const cat = catalog('tsql', [schema('dbo', [
      table('dbo', 'Customer', [col('CustomerID', int)], { primaryKey: key(['CustomerID']) }),
      table('dbo', 'Order', [col('ID', int), col('CustID', int)], { primaryKey: key(['ID'], { name: 'PK_Order' }), foreignKeys: [fk(['CustID'], 'DBO', 'CUSTOMER', ['customerid'], { onDelete: 'cascade' })] }),
    ])]);
    const out = transpile(cat, opts());
    const [cust, order] = out.schemas[0]!.tables;
    expect(cust!.primaryKey).toEqual({ columns: [{ column: 'customerid' }], span: cust!.primaryKey!.span });
    expect(order!.primaryKey!.name).toBe('pk_order');
    expect(order!.foreignKeys).toEqual([{ columns: ['custid'], ref: { schema: 'public', name: 'customer' }, refColumns: ['customerid'], onDelete: 'cascade', span: order!.foreignKeys[0]!.span }]);
    expect(out.diagnostics).toEqual([]);
  });
});
