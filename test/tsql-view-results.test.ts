import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { convertToFiles, defaultOptions, upFiles } from './helpers/convert.js';
import { execScript } from './helpers/exec-copy.js';
import { resetPglite, sharedPglite } from './helpers/pglite.js';

// Views of T-SQL idioms rewritten for PostgreSQL return what SQL Server returns on the golden cases' rows (results
// worked out from SQL Server's documented behaviour).
async function load(fixture: string): Promise<void> {
  const { files } = await convertToFiles(`fixtures/tsql/${fixture}/input.sql`, defaultOptions('tsql'));
  await resetPglite(db);
  for (const [, sql] of upFiles(files)) await execScript(db, sql);
}

let db: PGlite;
beforeAll(async () => {
  db = await sharedPglite();
});
afterAll(async () => {
  await resetPglite(db);
});

describe('T-SQL idioms as PostgreSQL views', () => {
  it('FOR XML PATH concatenation: values in order, entities for & < > (read back by .value()), first separator cut, NULL without rows', async () => {
    await load('for-xml-path-string-concatenation-becomes-string-agg');
    const rows = (await db.query('SELECT orderid, products::text AS products, quantities::text AS quantities, plain::text AS plain FROM orderproducts ORDER BY orderid')).rows;
    expect(rows).toEqual([
      { orderid: 1, products: '&lt;jam&gt;, cups &amp; saucers, tea', quantities: '1;2;3;', plain: '<jam>|cups & saucers|tea' },
      { orderid: 2, products: 'coffee', quantities: '1;', plain: 'coffee' },
      { orderid: 3, products: null, quantities: null, plain: null },
    ]);
  });

  it('PIVOT: one row per other-column value, SUM NULL and COUNT 0 where no row matches', async () => {
    await load('pivot-becomes-a-grouped-query-with-filters');
    const sums = (await db.query('SELECT region::text AS region, y2020::text AS y2020, y2021::text AS y2021 FROM regionyears ORDER BY region')).rows;
    expect(sums).toEqual([
      { region: 'East', y2020: '15.00', y2021: '3.00' },
      { region: 'North', y2020: null, y2021: '1.00' },
      { region: 'West', y2020: '7.00', y2021: null },
    ]);
    const counts = (await db.query('SELECT yr, east::int AS east, west::int AS west FROM yearregioncounts ORDER BY yr')).rows;
    expect(counts).toEqual([{ yr: 2020, east: 2, west: 1 }, { yr: 2021, east: 1, west: 0 }]);
  });

  it('UNPIVOT: a row per listed column and source row, NULL values left out', async () => {
    await load('unpivot-becomes-lateral-rows');
    const rows = (await db.query('SELECT id, product::text AS product, quarter, units FROM quartersales ORDER BY id, quarter')).rows;
    expect(rows).toEqual([
      { id: 1, product: 'tea', quarter: 'Q1', units: 10 },
      { id: 1, product: 'tea', quarter: 'Q3', units: 30 },
      { id: 3, product: 'cups', quarter: 'Q1', units: 4 },
      { id: 3, product: 'cups', quarter: 'Q2', units: 5 },
      { id: 3, product: 'cups', quarter: 'Q3', units: 6 },
    ]);
  });
});
