import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { convertToFiles, defaultOptions, upFiles } from './helpers/convert.js';
import { execScript } from './helpers/exec-copy.js';
import { resetPglite, sharedPglite } from './helpers/pglite.js';

// The FOR XML PATH('') concatenation idiom returns what SQL Server returns: the values in the subquery's order, XML
// entities written for &, < and > (read back by .value() of the TYPE form), the first separator removed by STUFF,
// NULL for an order without lines.
let db: PGlite;
beforeAll(async () => {
  db = await sharedPglite();
});
afterAll(async () => {
  await resetPglite(db);
});

describe('FOR XML PATH string concatenation', () => {
  it('gives SQL Server\'s strings on the golden case\'s rows', async () => {
    const { files } = await convertToFiles('fixtures/tsql/for-xml-path-string-concatenation-becomes-string-agg/input.sql', defaultOptions('tsql'));
    await resetPglite(db);
    for (const [, sql] of upFiles(files)) await execScript(db, sql);
    const rows = (await db.query('SELECT orderid, products::text AS products, quantities::text AS quantities, plain::text AS plain FROM orderproducts ORDER BY orderid')).rows;
    expect(rows).toEqual([
      { orderid: 1, products: '&lt;jam&gt;, cups &amp; saucers, tea', quantities: '1;2;3;', plain: '<jam>|cups & saucers|tea' },
      { orderid: 2, products: 'coffee', quantities: '1;', plain: 'coffee' },
      { orderid: 3, products: null, quantities: null, plain: null },
    ]);
  });
});
