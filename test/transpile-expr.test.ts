import { describe, expect, test } from 'vitest';
import type { Expr } from '../src/model/expr.js';
import { transpile } from '../src/transpile/index.js';
import { likeToSimilar } from '../src/transpile/expr.js';
import { bin, c, catalog, check, col, fn, n, niladic, one, opts, paren, s, schema, span, table, ty } from './transpile-helpers.js';


/** Default on one column of the given type → the translated default. */
function dflt(dialect: 'tsql' | 'mysql', type: ReturnType<typeof ty>, e: Expr) {
  const r = one(dialect, table(dialect === 'tsql' ? 'dbo' : '', 't', [col('c', type, { default: e }), col('s', ty('varchar', [10])), col('b', ty('bit'))]), { caseInsensitive: 'ignore' });
  return { expr: r.table.columns[0]!.default, raw: r.table.columns[0]!.defaultRaw, r };
}

describe('function templates and handlers', () => {
  const TSQL: [string, Expr, ReturnType<typeof ty>, string][] = [
    ['GETDATE', fn('GETDATE'), ty('datetime'), 'CURRENT_TIMESTAMP'],
    ['getdate lower case', fn('getdate'), ty('datetime'), 'CURRENT_TIMESTAMP'],
    ['SYSDATETIME', fn('SYSDATETIME'), ty('datetime2'), 'CURRENT_TIMESTAMP'],
    ['GETUTCDATE', fn('GETUTCDATE'), ty('datetime'), "timezone('UTC', CURRENT_TIMESTAMP)"],
    ['NEWID', fn('NEWID'), ty('uniqueidentifier'), 'gen_random_uuid()'],
    ['SUSER_SNAME', fn('SUSER_SNAME'), ty('nvarchar', [100]), 'CURRENT_USER'],
    ['CURRENT_TIMESTAMP niladic', niladic('CURRENT_TIMESTAMP'), ty('datetime'), 'CURRENT_TIMESTAMP'],
    ['DATEADD', fn('DATEADD', c('day'), n(7), fn('GETDATE')), ty('datetime'), "CURRENT_TIMESTAMP + INTERVAL '7 day'"],
    ['YEAR', fn('YEAR', fn('GETDATE')), ty('int'), "CAST(date_part('year', CURRENT_TIMESTAMP) AS integer)"],
    ['bit 0 → false', paren(paren(n(0))), ty('bit'), 'FALSE'],
    ['bit 1 → true', paren(n(1)), ty('bit'), 'TRUE'],
    ["'5' on int → 5", s('5'), ty('int'), '5'],
    ['date string → typed literal', s('2020-01-01'), ty('date'), "CAST('2020-01-01' AS date)"],
    ['0 on datetime → 1900-01-01', paren(n(0)), ty('datetime'), "CAST('1900-01-01 00:00:00' AS timestamp)"],
    ['number + number stays +', bin('+', n(1), n(2)), ty('int'), '1 + 2'],
    ['CONVERT style 112', { kind: 'cast', expr: fn('GETDATE'), type: ty('varchar', [8]), style: n(112), form: 'convert' }, ty('varchar', [8]), "to_char(CURRENT_TIMESTAMP, 'YYYYMMDD')"],
    ['CAST to nvarchar(max)', { kind: 'cast', expr: n(1), type: ty('nvarchar', ['max']), form: 'cast' }, ty('nvarchar', ['max']), 'CAST(1 AS text)'],
  ];
  // Expressions over other columns of the row: a default cannot read them (a trigger computes it, PGS3007), a
  // stored generated column can.
  const TSQL_ROW: [string, Expr, ReturnType<typeof ty>, string][] = [
    ['ISNULL', fn('ISNULL', c('s'), s('x')), ty('varchar', [10]), "coalesce(s, 'x')"],
    ['LEN', fn('LEN', c('s')), ty('int'), 'length(rtrim(s))'],
    ['CHARINDEX', fn('CHARINDEX', s('a'), c('s')), ty('int'), "strpos(s, 'a')"],
    ['UPPER', fn('UPPER', c('s')), ty('varchar', [10]), 'upper(s)'],
    ['string + string → ||', bin('+', s('a'), c('s')), ty('varchar', [20]), "'a' || s"],
  ];
  const MYSQL_ROW: [string, Expr, ReturnType<typeof ty>, string][] = [
    ['IFNULL', fn('IFNULL', c('s'), s('')), ty('varchar', [10]), "coalesce(s, '')"],
  ];
  test.each([...TSQL_ROW.map((x) => ['tsql', ...x] as const), ...MYSQL_ROW.map((x) => ['mysql', ...x] as const)])('%s %s (generated column)', (dialect, _name, e, type, expected) => {
    const r = one(dialect, table(dialect === 'tsql' ? 'dbo' : '', 't', [col('c', type, { generated: { expr: e, raw: '', stored: true } }), col('s', ty('varchar', [10]))]), { caseInsensitive: 'ignore' });
    expect(r.out.diagnostics.filter((d) => d.code.startsWith('PGS3'))).toEqual([]);
    expect(r.table.columns[0]!.generated?.raw).toBe(expected);
  });

  test.each(TSQL)('tsql %s', (_name, e, type, expected) => {
    const { raw, r } = dflt('tsql', type, e);
    expect(r.out.diagnostics.filter((d) => d.code.startsWith('PGS3'))).toEqual([]);
    expect(raw).toBe(expected);
  });

  const MYSQL: [string, Expr, ReturnType<typeof ty>, string][] = [
    ['CURRENT_TIMESTAMP', niladic('CURRENT_TIMESTAMP'), ty('timestamp'), 'CURRENT_TIMESTAMP'],
    ['CURRENT_TIMESTAMP(3)', fn('CURRENT_TIMESTAMP', n(3)), ty('datetime', [3]), 'current_timestamp(3)'],
    ['NOW()', fn('now'), ty('datetime'), 'CURRENT_TIMESTAMP'],
    ['UTC_TIMESTAMP', fn('UTC_TIMESTAMP'), ty('datetime'), "timezone('UTC', CURRENT_TIMESTAMP)"],
    ['UUID()', fn('uuid'), ty('char', [36]), 'gen_random_uuid()'],
    ["'0' on tinyint(1)", s('0'), ty('tinyint', [1]), 'FALSE'],
    ["b'1' on bit(1)", { kind: 'bytes', hex: '01', bits: '1' }, ty('bit', [1]), 'TRUE'],
    ["b'101' on bit(3)", { kind: 'bytes', hex: '05', bits: '101' }, ty('bit', [3]), "CAST('101' AS varbit)"],
    ["'1.50' on decimal", s('1.50'), ty('decimal', [5, 2]), '1.50'],
    ['0 on varchar', n(0), ty('varchar', [5]), "'0'"],
    ["'{}' on json", s('{}'), ty('json'), "CAST('{}' AS jsonb)"],
    ['JSON_ARRAY()', fn('JSON_ARRAY'), ty('json'), 'jsonb_build_array()'],
  ];
  test.each(MYSQL)('mysql %s', (_name, e, type, expected) => {
    const { raw, r } = dflt('mysql', type, e);
    expect(r.out.diagnostics.filter((d) => d.code.startsWith('PGS3'))).toEqual([]);
    expect(raw).toBe(expected);
  });

  test('non-numeric string on int → PGS3006, dropped', () => {
    const { expr, r } = dflt('mysql', ty('int'), s('abc'));
    expect(expr).toBeUndefined();
    expect(r.codes).toEqual(['PGS3006']);
  });

  test('CURRENT_TIMESTAMP(3) keeps its argument as a call', () => {
    expect(dflt('mysql', ty('datetime', [3]), fn('CURRENT_TIMESTAMP', n(3))).expr).toEqual({ kind: 'call', name: ['current_timestamp'], args: [n(3)] });
    expect(dflt('mysql', ty('datetime'), niladic('CURRENT_TIMESTAMP')).expr).toEqual({ kind: 'call', name: ['current_timestamp'], args: [], niladic: true });
  });
});

describe('operators and patterns', () => {
  const chk = (dialect: 'tsql' | 'mysql', e: Expr) => {
    const r = one(dialect, table(dialect === 'tsql' ? 'dbo' : '', 't', [col('a', ty('int')), col('code', ty('varchar', [10])), col('active', ty('bit'))], { checks: [check(e, 'raw')] }), { caseInsensitive: 'ignore' });
    return { raw: r.table.checks[0]?.raw, expr: r.table.checks[0]?.expr, r };
  };
  test('T-SQL LIKE with [..] → SIMILAR TO with metacharacters escaped', () => {
    expect(likeToSimilar('[0-9][0-9]-(x)|y%')).toBe('[0-9][0-9]-\\(x\\)\\|y%');
    const { expr } = chk('tsql', { kind: 'like', op: 'like', expr: c('code'), pattern: s('[A-Z][0-9]+%') });
    expect(expr).toEqual({ kind: 'like', op: 'similar', expr: c('code'), pattern: s('[A-Z][0-9]\\+%') });
    // Without brackets LIKE stays LIKE.
    expect(chk('tsql', { kind: 'like', op: 'like', expr: c('code'), pattern: s('A%') }).expr).toMatchObject({ op: 'like' });
  });
  test('bit column compared with 1 → true', () => {
    expect(chk('tsql', bin('=', c('active'), n(1))).raw).toBe('active = TRUE');
  });
  test('MySQL <=> and != ', () => {
    expect(chk('mysql', bin('<=>', c('a'), n(1))).expr).toEqual(bin('is not distinct from', c('a'), n(1)));
    expect(chk('mysql', bin('!=', c('a'), n(1))).raw).toBe('a <> 1');
  });
  test('string column + column in T-SQL → ||', () => {
    expect(chk('tsql', bin('=', bin('+', c('code'), c('code')), s('xx'))).raw).toBe("code || code = 'xx'");
  });
});

describe('what cannot be translated goes to manual; the table still converts', () => {
  test('unknown function in a default → PGS3001, default moved to manual with a draft', () => {
    const r = one('tsql', table('dbo', 'T', [
      col('a', ty('int'), { default: fn('dbo.NextNumber'), defaultRaw: '([dbo].[NextNumber]())' }),
      col('b', ty('int'), { default: n(1) }),
    ]));
    expect(r.table.columns.map((x) => [x.name, x.defaultRaw])).toEqual([['a', undefined], ['b', '1']]);
    expect(r.out.diagnostics.map((d) => [d.code, d.object, d.message])).toEqual([
      ['PGS3001', 'table dbo.T', 'column a default: function dbo.NextNumber() has no PostgreSQL mapping (user-defined functions are converted with routines)'],
    ]);
    expect(r.out.manual).toEqual([{ object: 'table dbo.T', kind: 'column', original: 'a DEFAULT ([dbo].[NextNumber]())', draft: 'ALTER TABLE public.t ALTER COLUMN a SET DEFAULT dbo."NextNumber"();', codes: ['PGS3001'], span }]);
  });

  test('opaque CHECK → PGS3002, check moved to manual', () => {
    const r = one('mysql', table('', 't', [col('a', ty('int'))], { checks: [check({ kind: 'opaque', text: 'a MEMBER OF (x)' }, 'a MEMBER OF (x)', { name: 'ck' })] }));
    expect(r.table.checks).toEqual([]);
    expect(r.codes).toEqual(['PGS3002']);
    expect(r.out.manual![0]).toMatchObject({ kind: 'constraint', original: 'CONSTRAINT ck CHECK (a MEMBER OF (x))', draft: 'ALTER TABLE public.t ADD CONSTRAINT ck CHECK (/* not converted: */ a MEMBER OF (x));' });
  });
});

describe('generated columns', () => {
  test('immutable → STORED generated column; T-SQL computed column type inferred', () => {
    const r = one('tsql', table('dbo', 'T', [
      col('Qty', ty('int')), col('Price', ty('decimal', [10, 2])),
      col('Total', ty(''), { generated: { expr: bin('*', c('Qty'), c('Price')), raw: '[Qty]*[Price]', stored: false } }),
    ]));
    expect(r.table.columns[2]).toMatchObject({ name: 'total', type: { name: 'numeric', args: [] }, generated: { expr: bin('*', c('qty'), c('price')), raw: 'qty * price', stored: true } });
  });
  test('not immutable → plain column, PGS3004 and a manual draft', () => {
    const r = one('mysql', table('', 't', [col('made', ty('datetime'), { generated: { expr: fn('NOW'), raw: 'now()', stored: true } })]));
    expect(r.table.columns[0]!.generated).toBeUndefined();
    expect(r.table.columns[0]!.type.raw).toBe('timestamp(0)');
    expect(r.codes).toEqual(['PGS3004']);
    expect(r.out.manual![0]).toMatchObject({ kind: 'column', codes: ['PGS3004'] });
  });
  test('PostgreSQL 18 keeps VIRTUAL', () => {
    const r = one('mysql', table('', 't', [col('a', ty('int')), col('b', ty('int'), { generated: { expr: bin('+', c('a'), n(1)), raw: 'a+1', stored: false } })]), { targetVersion: 18 });
    expect(r.table.columns[1]!.generated).toEqual({ expr: bin('+', c('a'), n(1)), raw: 'a + 1', stored: false });
  });
});

describe('ON UPDATE CURRENT_TIMESTAMP', () => {
  test('becomes a trigger function and a BEFORE UPDATE trigger (PGS3005)', () => {
    const t = table('shop', 'Orders', [
      col('id', ty('int')),
      col('updated_at', ty('timestamp'), { default: niladic('CURRENT_TIMESTAMP'), onUpdate: niladic('CURRENT_TIMESTAMP') }),
    ]);
    const out = transpile(catalog('mysql', [schema('shop', [t])]), opts());
    const sch = out.schemas[0]!;
    expect(sch.routines).toEqual([{
      kind: 'function', name: { schema: 'public', name: 'orders_on_update' }, signature: 'public.orders_on_update()', span,
      text: [
        'CREATE FUNCTION public.orders_on_update() RETURNS trigger LANGUAGE plpgsql AS $$',
        'BEGIN',
        '  IF NEW::text IS DISTINCT FROM OLD::text THEN',
        '    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN',
        '      NEW.updated_at := CURRENT_TIMESTAMP;',
        '    END IF;',
        '  END IF;',
        '  RETURN NEW;',
        'END;',
        '$$;',
      ].join('\n'),
    }]);
    expect(sch.triggers).toEqual([{
      name: { schema: 'public', name: 'orders_on_update' }, table: { schema: 'public', name: 'orders' }, timing: 'before', events: ['update'], span,
      text: 'CREATE TRIGGER orders_on_update BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.orders_on_update();',
    }]);
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.object])).toEqual([['PGS1010', 'info', undefined], ['PGS3005', 'info', 'table shop.Orders']]);
    expect(sch.tables[0]!.columns[1]!.onUpdate).toBeUndefined();
  });
});

describe('extensions', () => {
  test('gen_random_uuid before PostgreSQL 13 needs pgcrypto', () => {
    const t = table('dbo', 'T', [col('id', ty('uniqueidentifier'), { default: fn('NEWID') })]);
    expect(transpile(catalog('tsql', [schema('dbo', [t])]), opts({ targetVersion: 12 })).extensions).toEqual(['pgcrypto']);
    expect(transpile(catalog('tsql', [schema('dbo', [t])]), opts({ targetVersion: 15 })).extensions).toEqual([]);
  });
});
