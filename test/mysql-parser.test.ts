import { describe, expect, it } from 'vitest';
import type { Catalog, Table } from '../src/model/catalog.js';
import { parseMysql } from '../src/sources/mysql/parser.js';

/** Deep copy without `span` keys, so IR can be compared exactly. */
function strip<T>(x: T): T {
  if (Array.isArray(x)) return x.map(strip) as T;
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'span') out[k] = strip(v);
    return out as T;
  }
  return x;
}
const parse = (text: string, file = 't.sql'): Catalog => parseMysql([{ file, text }]);
const table = (cat: Catalog, name: string): Table => cat.schemas.flatMap((s) => s.tables).find((t) => t.name.name === name)!;
const codes = (cat: Catalog): string[] => cat.diagnostics.map((d) => d.code);

describe('MySQL parser: types', () => {
  it('canonicalises every type family and keeps the raw spelling', () => {
    const cat = parse(`CREATE TABLE t (
      a TINYINT(1), b INTEGER(11) UNSIGNED ZEROFILL, c BOOL, d BIT(3), e NUMERIC(10,2), f FLOAT(30), g FLOAT(7,3),
      h DOUBLE PRECISION, i REAL, j VARCHAR(20) CHARACTER SET latin1 BINARY, k NATIONAL CHAR(5), l NVARCHAR(9),
      m TEXT(100), n LONG VARCHAR, o ENUM('x','y''z'), p SET('a\\tb'), q JSON, r TIME(3), s DATETIME(6),
      u TIMESTAMP(2), v YEAR(4), w POINT NOT NULL SRID 4326, x SERIAL, y LONGBLOB, z FIXED(5,1));`);
    const types = table(cat, 't').columns.map((c) => [c.name, c.type]);
    expect(types).toEqual([
      ['a', { name: 'tinyint', args: [1], raw: 'TINYINT(1)' }],
      ['b', { name: 'int', args: [11], unsigned: true, zerofill: true, raw: 'INTEGER(11) UNSIGNED ZEROFILL' }],
      ['c', { name: 'tinyint', args: [1], raw: 'BOOL' }],
      ['d', { name: 'bit', args: [3], raw: 'BIT(3)' }],
      ['e', { name: 'decimal', args: [10, 2], raw: 'NUMERIC(10,2)' }],
      ['f', { name: 'double', args: [], raw: 'FLOAT(30)' }],
      ['g', { name: 'float', args: [7, 3], raw: 'FLOAT(7,3)' }],
      ['h', { name: 'double', args: [], raw: 'DOUBLE PRECISION' }],
      ['i', { name: 'double', args: [], raw: 'REAL' }],
      ['j', { name: 'varchar', args: [20], raw: 'VARCHAR(20)', charset: 'latin1' }],
      ['k', { name: 'char', args: [5], raw: 'NATIONAL CHAR(5)', charset: 'utf8mb3' }],
      ['l', { name: 'varchar', args: [9], raw: 'NVARCHAR(9)', charset: 'utf8mb3' }],
      ['m', { name: 'text', args: [100], raw: 'TEXT(100)' }],
      ['n', { name: 'mediumtext', args: [], raw: 'LONG VARCHAR' }],
      ['o', { name: 'enum', args: [], values: ['x', "y'z"], raw: "ENUM('x','y''z')" }],
      ['p', { name: 'set', args: [], values: ['a\tb'], raw: "SET('a\\tb')" }],
      ['q', { name: 'json', args: [], raw: 'JSON' }],
      ['r', { name: 'time', args: [3], raw: 'TIME(3)' }],
      ['s', { name: 'datetime', args: [6], raw: 'DATETIME(6)' }],
      ['u', { name: 'timestamp', args: [2], raw: 'TIMESTAMP(2)' }],
      ['v', { name: 'year', args: [4], raw: 'YEAR(4)' }],
      ['w', { name: 'point', args: [], raw: 'POINT', srid: 4326 }],
      ['x', { name: 'bigint', args: [], unsigned: true, raw: 'SERIAL' }],
      ['y', { name: 'longblob', args: [], raw: 'LONGBLOB' }],
      ['z', { name: 'decimal', args: [5, 1], raw: 'FIXED(5,1)' }],
    ]);
    const t = table(cat, 't');
    expect(t.columns.find((c) => c.name === 'j')!.flags).toEqual(['binary']);
    const x = t.columns.find((c) => c.name === 'x')!;
    expect([x.nullable, x.identity]).toEqual([false, { start: 1n, increment: 1n, autoIncrement: true }]);
    expect(strip(t.uniques)).toEqual([{ columns: [{ column: 'x' }] }]);
  });
});

describe('MySQL parser: column attributes', () => {
  it('reads defaults, ON UPDATE, AUTO_INCREMENT, keys, comment, collation, generated, invisible, check', () => {
    const cat = parse(`CREATE TABLE t (
      id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      a INT DEFAULT -1,
      b BIT(1) DEFAULT b'0',
      c TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      d DATETIME DEFAULT NOW(),
      e VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin UNIQUE KEY COMMENT 'the "e"',
      f INT AS (a + 1) STORED,
      g INT GENERATED ALWAYS AS (a * 2) VIRTUAL INVISIBLE,
      h DOUBLE DEFAULT (RAND() * 10) CHECK (h > 0),
      i INT DEFAULT NULL REFERENCES other (id),
      j INT COLUMN_FORMAT FIXED STORAGE DISK);`);
    const t = table(cat, 't');
    const col = (n: string) => strip(t.columns.find((c) => c.name === n)!);
    expect(col('id')).toEqual({ name: 'id', type: { name: 'int', args: [], raw: 'INT' }, nullable: false, identity: { start: 1n, increment: 1n, autoIncrement: true } });
    expect(strip(t.primaryKey)).toEqual({ columns: [{ column: 'id' }] });
    expect([col('a').default, col('a').defaultRaw]).toEqual([{ kind: 'number', value: '-1' }, '-1']);
    expect(col('b').default).toEqual({ kind: 'bytes', hex: '0', bits: '0' });
    expect(col('c')).toMatchObject({
      nullable: true,
      default: { kind: 'call', name: ['CURRENT_TIMESTAMP'], args: [{ kind: 'number', value: '3' }] },
      onUpdate: { kind: 'call', name: ['CURRENT_TIMESTAMP'], args: [{ kind: 'number', value: '3' }] },
    });
    expect(col('d').default).toEqual({ kind: 'call', name: ['NOW'], args: [] });
    expect(col('e')).toMatchObject({ charset: 'utf8mb4', collation: 'utf8mb4_bin', comment: 'the "e"' });
    expect(strip(t.uniques)).toEqual([{ columns: [{ column: 'e' }] }]);
    expect(col('f').generated).toEqual({ expr: { kind: 'binary', op: '+', left: { kind: 'column', parts: ['a'] }, right: { kind: 'number', value: '1' } }, raw: 'a + 1', stored: true });
    expect([col('g').generated!.stored, col('g').generated!.raw, col('g').flags]).toEqual([false, 'a * 2', ['invisible']]);
    expect([col('h').defaultRaw, col('h').default!.kind]).toEqual(['(RAND() * 10)', 'binary']);
    expect(strip(t.checks)).toEqual([{ expr: { kind: 'binary', op: '>', left: { kind: 'column', parts: ['h'] }, right: { kind: 'number', value: '0' } }, raw: 'h > 0' }]);
    expect(t.foreignKeys).toEqual([]);
    expect(col('i').default).toEqual({ kind: 'null' });
    expect(cat.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['PGS1011', 'column i: inline REFERENCES is ignored by MySQL; no foreign key created'],
      ['PGS1011', 'column j: COLUMN_FORMAT FIXED dropped'],
      ['PGS1011', 'column j: STORAGE DISK dropped'],
    ]);
  });
});

describe('MySQL parser: keys and table options', () => {
  it('reads every key form', () => {
    const cat = parse(`CREATE TABLE t (
      a INT, b VARCHAR(100), c INT, g GEOMETRY NOT NULL,
      PRIMARY KEY (a) USING BTREE,
      UNIQUE KEY uq_b (b(10) DESC),
      CONSTRAINT uq_c UNIQUE INDEX (c),
      KEY idx_bc (b(10) ASC, (c + 1)) USING HASH,
      INDEX (c),
      FULLTEXT KEY ft_b (b) WITH PARSER ngram,
      SPATIAL INDEX sp_g (g),
      CONSTRAINT fk_c FOREIGN KEY (c) REFERENCES db2.p (id) MATCH FULL ON DELETE SET NULL ON UPDATE NO ACTION,
      FOREIGN KEY fk_idx (a) REFERENCES p (id) ON DELETE CASCADE,
      CONSTRAINT ck_a CHECK (a > 0) NOT ENFORCED,
      CHECK (c <> 0)
    );`);
    const t = table(cat, 't');
    expect(strip(t.primaryKey)).toEqual({ columns: [{ column: 'a' }] });
    expect(strip(t.uniques)).toEqual([
      { name: 'uq_b', columns: [{ column: 'b', length: 10, desc: true }] },
      { name: 'uq_c', columns: [{ column: 'c' }] },
    ]);
    expect(strip(t.indexes)).toEqual([
      { name: 'idx_bc', unique: false, kind: 'plain', include: [], using: 'hash', columns: [
        { column: 'b', length: 10 },
        { column: '', expr: { kind: 'binary', op: '+', left: { kind: 'column', parts: ['c'] }, right: { kind: 'number', value: '1' } } },
      ] },
      { unique: false, kind: 'plain', columns: [{ column: 'c' }], include: [] },
      { name: 'ft_b', unique: false, kind: 'fulltext', columns: [{ column: 'b' }], include: [] },
      { name: 'sp_g', unique: false, kind: 'spatial', columns: [{ column: 'g' }], include: [] },
    ]);
    expect(strip(t.foreignKeys)).toEqual([
      { name: 'fk_c', columns: ['c'], ref: { schema: 'db2', name: 'p' }, refColumns: ['id'], match: 'full', onDelete: 'set null', onUpdate: 'no action' },
      { name: 'fk_idx', columns: ['a'], ref: { schema: '', name: 'p' }, refColumns: ['id'], onDelete: 'cascade' },
    ]);
    expect(strip(t.checks).map((c) => [c.name, c.raw, c.enforced])).toEqual([['ck_a', 'a > 0', false], [undefined, 'c <> 0', undefined]]);
    expect(codes(cat)).toEqual(['PGS1011']); // WITH PARSER
  });

  it('reads table options, comment and partitioning', () => {
    const cat = parse(`CREATE TABLE t (id INT, d DATE) ENGINE=InnoDB AUTO_INCREMENT=42 DEFAULT CHARSET=utf8mb4
      COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC STATS_PERSISTENT=0 KEY_BLOCK_SIZE 8 COMMENT='orders'
      PARTITION BY RANGE (YEAR(d)) (PARTITION p0 VALUES LESS THAN (1990) ENGINE = InnoDB, PARTITION p1 VALUES LESS THAN MAXVALUE);
      CREATE TABLE l (id INT) PARTITION BY LIST COLUMNS (id) (PARTITION a VALUES IN (1, 2));
      CREATE TABLE h (id INT) PARTITION BY LINEAR KEY (id) PARTITIONS 4;`);
    const t = table(cat, 't');
    expect(t.options).toEqual({ engine: 'InnoDB', auto_increment: '42', charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', row_format: 'DYNAMIC', stats_persistent: '0', key_block_size: '8' });
    expect(t.comment).toBe('orders');
    expect(strip(t.partition)).toEqual({
      method: 'range', expr: [{ kind: 'call', name: ['YEAR'], args: [{ kind: 'column', parts: ['d'] }] }],
      partitions: [
        { name: 'p0', bound: 'less-than', values: [{ kind: 'number', value: '1990' }] },
        { name: 'p1', bound: 'less-than', values: 'maxvalue' },
      ],
      raw: 'PARTITION BY RANGE (YEAR(d)) (PARTITION p0 VALUES LESS THAN (1990) ENGINE = InnoDB, PARTITION p1 VALUES LESS THAN MAXVALUE)',
    });
    expect(strip(table(cat, 'l').partition)).toMatchObject({ method: 'list', columnsForm: true, expr: [{ kind: 'column', parts: ['id'] }],
      partitions: [{ name: 'a', bound: 'in', values: [{ kind: 'number', value: '1' }, { kind: 'number', value: '2' }] }] });
    expect(strip(table(cat, 'h').partition)).toMatchObject({ method: 'key', linear: true, count: 4, partitions: [] });
  });

  it('copies a table with LIKE and skips CREATE TABLE ... AS SELECT', () => {
    const cat = parse('CREATE TABLE a (id INT PRIMARY KEY, r INT, FOREIGN KEY (r) REFERENCES a (id)); CREATE TABLE b LIKE a; CREATE TABLE c AS SELECT * FROM a;');
    const b = table(cat, 'b');
    expect([b.columns.map((c) => c.name), b.primaryKey!.columns, b.foreignKeys]).toEqual([['id', 'r'], [{ column: 'id' }], []]);
    expect(table(cat, 'c')).toBeUndefined();
    expect(codes(cat)).toEqual(['PGS1012']);
  });
});

describe('MySQL parser: schemas, ALTER, DROP, INSERT', () => {
  it('places objects by CREATE DATABASE / USE / qualified names', () => {
    const cat = parse('CREATE TABLE a (x INT); CREATE DATABASE IF NOT EXISTS shop; USE shop; CREATE TABLE b (x INT); CREATE TABLE other.c (x INT);');
    expect(cat.schemas.map((s) => [s.name, !!s.declared, s.tables.map((t) => t.name.name)])).toEqual([
      ['', false, ['a']], ['shop', true, ['b']], ['other', false, ['c']],
    ]);
    expect(table(cat, 'b').name).toEqual({ schema: 'shop', name: 'b' });
    expect(codes(cat)).toEqual(['PGS1010', 'PGS1010']);
  });

  it('applies ALTER TABLE actions in order and reports unknown tables', () => {
    const cat = parse(`CREATE TABLE t (a INT, b INT, c INT, KEY k_b (b));
      ALTER TABLE t ADD COLUMN d VARCHAR(5) NOT NULL AFTER a, ADD CONSTRAINT pk PRIMARY KEY (a), ADD UNIQUE INDEX u_c (c),
        MODIFY b BIGINT DEFAULT 0 FIRST, CHANGE COLUMN c c2 INT, ALTER COLUMN d SET DEFAULT 'x', DROP INDEX k_b,
        ADD FULLTEXT INDEX ft (d), ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES t (a), ENGINE=MyISAM, COMMENT 'hi';
      ALTER TABLE t DROP FOREIGN KEY fk, RENAME COLUMN c2 TO c3, DROP COLUMN a;
      /*!40000 ALTER TABLE t DISABLE KEYS */;
      ALTER TABLE missing ADD x INT;
      CREATE UNIQUE INDEX u_d USING BTREE ON t (d) ALGORITHM=INPLACE;
      CREATE INDEX i_d ON t (d(3) DESC);
      ALTER TABLE t RENAME TO t2;`);
    const t = table(cat, 't2');
    expect(t.columns.map((c) => `${c.name}:${c.type.raw}`)).toEqual(['b:BIGINT', 'd:VARCHAR(5)', 'c3:INT']);
    expect(t.columns[1]!.defaultRaw).toBe("'x'");
    expect(t.primaryKey).toBeUndefined(); // dropped with column a
    expect(t.uniques.map((u) => [u.name, u.columns])).toEqual([['u_c', [{ column: 'c3' }]], ['u_d', [{ column: 'd' }]]]);
    expect(t.indexes.map((i) => [i.name, i.kind, i.columns])).toEqual([['ft', 'fulltext', [{ column: 'd' }]], ['i_d', 'plain', [{ column: 'd', length: 3, desc: true }]]]);
    expect(t.foreignKeys).toEqual([]);
    expect([t.options.engine, t.comment]).toEqual(['MyISAM', 'hi']);
    expect(codes(cat)).toEqual(['PGS1010', 'PGS1017']);
  });

  it('drops earlier definitions (dump placeholder tables) and reports the rest', () => {
    const cat = parse(`DROP TABLE IF EXISTS v;
      CREATE TABLE v (a TINYINT NOT NULL);
      DROP TABLE IF EXISTS v, w;
      /*!50001 DROP VIEW IF EXISTS v*/;
      CREATE VIEW v AS SELECT 1 AS a;`);
    const s = cat.schemas[0]!;
    expect([s.tables.length, s.views.map((v) => v.name.name)]).toEqual([0, ['v']]);
    expect(cat.diagnostics.map((d) => [d.code, d.object])).toEqual([
      ['PGS1013', 'table v'], ['PGS1019', 'table v'], ['PGS1013', 'table w'], ['PGS1013', 'view v'],
    ]);
  });

  it('aggregates INSERT rows per table without keeping values', () => {
    const cat = parse(`CREATE TABLE t (a INT, b TEXT);
      INSERT INTO t (a, b) VALUES (1, 'x;y'), (2, '(')  ,(3,'it\\'s');
      INSERT IGNORE INTO \`t\` VALUES (4, ')');
      INSERT INTO t SELECT * FROM t;
      REPLACE INTO t VALUES (1, 'z'); UPDATE t SET a = 1; DELETE FROM t;`);
    const [data] = cat.schemas[0]!.data;
    const { chunks, ...counts } = data!;
    expect(strip(counts)).toEqual({ table: { schema: '', name: 't' }, columns: ['a', 'b'], statements: 2, rows: 4 });
    // Values stay in the source text: each chunk points at a run of statements, nothing is copied.
    expect(chunks!.map((k) => [k.source.text().slice(k.start, k.end), k.columns, k.statements])).toEqual([
      ["INSERT INTO t (a, b) VALUES (1, 'x;y'), (2, '(')  ,(3,'it\\'s')", ['a', 'b'], 1],
      ["INSERT IGNORE INTO \`t\` VALUES (4, ')')", undefined, 1],
    ]);
    expect(codes(cat)).toEqual(['PGS1014', 'PGS1014', 'PGS1014', 'PGS1014']);
  });

  it('skips session and security statements with their codes', () => {
    const cat = parse(`SET @saved_cs_client = @@character_set_client; SET NAMES utf8mb4; LOCK TABLES t WRITE; UNLOCK TABLES;
      START TRANSACTION; COMMIT; GRANT ALL ON *.* TO 'u'@'%'; CREATE USER 'u'@'%' IDENTIFIED BY 'p';`);
    expect(codes(cat)).toEqual(['PGS1010', 'PGS1010', 'PGS1010', 'PGS1010', 'PGS1010', 'PGS1018', 'PGS1018']);
    // Repeated skips of one kind are one diagnostic that counts them.
    expect(cat.diagnostics[0]!.message).toBe('SET statement skipped (2 statements: the first here, the last at line 1)');
  });
});

describe('MySQL parser: views, routines, triggers', () => {
  it('reads a mysqldump view split across versioned comments', () => {
    const cat = parse("/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER=`root`@`localhost` SQL SECURITY DEFINER */\n/*!50001 VIEW `v` (`x`) AS select `t`.`a` AS `x` from `t` WITH LOCAL CHECK OPTION */;");
    expect(strip(cat.schemas[0]!.views)).toEqual([{
      name: { schema: '', name: 'v' },
      text: 'CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`localhost` SQL SECURITY DEFINER VIEW `v` (`x`) AS select `t`.`a` AS `x` from `t` WITH LOCAL CHECK OPTION',
      query: 'select `t`.`a` AS `x` from `t`',
      select: {
        kind: 'select', columns: [{ expr: { kind: 'column', parts: ['t', 'a'] }, alias: 'x' }],
        from: [{ kind: 'table', name: ['t'] }], groupBy: [], orderBy: [],
      },
      columns: ['x'],
      options: { algorithm: 'undefined', definer: '`root`@`localhost`', sql_security: 'definer', check_option: 'local' },
    }]);
  });

  it('keeps procedures, functions, triggers and events with DELIMITER as text', () => {
    const text = `DELIMITER $$
CREATE DEFINER=CURRENT_USER PROCEDURE p(IN x INT)
BEGIN
  SELECT x; SELECT 2;
END$$
CREATE FUNCTION f() RETURNS INT DETERMINISTIC RETURN 1$$
/*!50003 CREATE*/ /*!50017 DEFINER=\`root\`@\`%\`*/ /*!50003 TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = 1 */$$
CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t$$
DELIMITER ;
CREATE TABLE after_body (x INT);`;
    const cat = parse(text, 'r.sql');
    const s = cat.schemas[0]!;
    expect(s.routines.map((r) => [r.kind, r.name.name, r.span.line, r.span.endLine])).toEqual([
      ['procedure', 'p', 2, 5], ['function', 'f', 6, 6], ['event', 'e', 8, 8],
    ]);
    expect(s.routines[0]!.text).toBe('CREATE DEFINER=CURRENT_USER PROCEDURE p(IN x INT)\nBEGIN\n  SELECT x; SELECT 2;\nEND');
    expect(strip(s.triggers)).toEqual([{
      name: { schema: '', name: 'trg' }, table: { schema: '', name: 't' }, timing: 'before', events: ['update'],
      text: 'CREATE DEFINER=`root`@`%` TRIGGER trg BEFORE UPDATE ON t FOR EACH ROW SET NEW.a = 1',
    }]);
    expect(s.tables.map((t) => t.name.name)).toEqual(['after_body']);
    expect(cat.diagnostics).toEqual([]);
  });
});

describe('MySQL parser: error recovery', () => {
  it('reports a bad statement where parsing failed and resumes after its delimiter', () => {
    const cat = parse('CREATE TABLE a (x INT);\n\n  CREATE TABLE b (x INT,, y INT);\nCREATE TABLE c (x INT);\nFROBNICATE everything;', 'bad.sql');
    expect(cat.schemas[0]!.tables.map((t) => t.name.name)).toEqual(['a', 'c']);
    expect(cat.diagnostics.map((d) => [d.code, d.severity, d.span!.line, d.span!.col, d.statement])).toEqual([
      ['PGS1001', 'error', 3, 25, 'CREATE TABLE b (x INT,, y INT)'],
      ['PGS1001', 'error', 5, 1, 'FROBNICATE everything'],
    ]);
    expect(cat.diagnostics[0]!.message).toBe("expected column name near ','");
  });

  it('reports unterminated strings once and deep nesting as PGS1005 without overflowing', () => {
    const deep = `CREATE TABLE d (x INT DEFAULT (${'('.repeat(10000)}1${')'.repeat(10000)}));`;
    const cat = parse(`${deep}\nCREATE TABLE ok (x INT);\nCREATE TABLE s (x VARCHAR(3) DEFAULT 'abc);`);
    expect(codes(cat)).toEqual(['PGS1005', 'PGS1002']);
    expect(cat.schemas[0]!.tables.map((t) => t.name.name)).toEqual(['ok']);
  });

  it('keeps unknown expression syntax as an opaque node', () => {
    const cat = parse("CREATE TABLE t (a TEXT, CHECK (WEIGHT_STRING(a AS CHAR(3)) <> ''));");
    expect(strip(table(cat, 't').checks[0]!.expr)).toEqual({
      kind: 'binary', op: '<>',
      left: { kind: 'opaque', text: 'WEIGHT_STRING(a AS CHAR(3))', reason: expect.any(String) },
      right: { kind: 'string', value: '' },
    });
  });
});

describe('MySQL parser: MariaDB sequence tables (SEQUENCE=1)', () => {
  const seqTable = (name: string) => `CREATE TABLE \`${name}\` (\`next_not_cached_value\` bigint(21) NOT NULL, \`minimum_value\` bigint(21) NOT NULL,
    \`maximum_value\` bigint(21) NOT NULL, \`start_value\` bigint(21) NOT NULL, \`increment\` bigint(21) NOT NULL,
    \`cache_size\` bigint(21) unsigned NOT NULL, \`cycle_option\` tinyint(1) unsigned NOT NULL, \`cycle_count\` bigint(21) NOT NULL) ENGINE=InnoDB SEQUENCE=1;`;
  const sequence = (cat: Catalog, name: string) => strip(cat.schemas.flatMap((s) => s.sequences).find((q) => q.name.name === name));

  it('becomes a sequence whose state is the INSERT row, which is not data', () => {
    const cat = parse(`${seqTable('s1')}\nINSERT INTO \`s1\` VALUES (1001,1,9223372036854775806,1,1,1000,0,0);`);
    expect(cat.schemas.flatMap((s) => s.tables)).toEqual([]);
    expect(cat.schemas.flatMap((s) => s.data)).toEqual([]);
    expect(sequence(cat, 's1')).toEqual({ name: { schema: '', name: 's1' }, start: 1001n, min: 1n, max: 9223372036854775806n, increment: 1n, cache: 1000n });
    expect(cat.diagnostics.filter((d) => d.code === 'PGS1023').map((d) => d.severity)).toEqual(['info']);
  });

  it('an INSERT into a CREATE SEQUENCE sequence sets its state; SETVAL after the row moves its start', () => {
    const cat = parse(`CREATE SEQUENCE q; INSERT INTO q VALUES (50,10,100,10,2,0,1,0);\n${seqTable('s2')}\nINSERT INTO s2 VALUES (7,1,100,1,1,5,0,0);\nDO SETVAL(s2, 40, 1);`);
    expect(sequence(cat, 'q')).toMatchObject({ start: 50n, min: 10n, max: 100n, increment: 2n, cache: 1n, cycle: true });
    expect(sequence(cat, 's2')).toMatchObject({ start: 41n, cache: 5n });
    expect(cat.schemas.flatMap((s) => s.data)).toEqual([]);
  });

  it('without a row, or with a row that is not a state, keeps MariaDB defaults and warns; never throws', () => {
    const cat = parse(`${seqTable('s3')}\n${seqTable('s4')}\nINSERT INTO s4 VALUES (1,2);\nINSERT INTO s4 VALUES (1,NULL,3,4,5,6,7,8);\nINSERT INTO s4 VALUES (5,10,1,1,1,0,0,0);\nINSERT INTO s4 (a) VALUES (1);`);
    for (const n of ['s3', 's4']) expect(sequence(cat, n)).toMatchObject({ start: 1n, min: 1n, increment: 1n, cache: 1000n });
    expect(cat.diagnostics.filter((d) => d.code === 'PGS1023').map((d) => d.severity)).toEqual(['warning', 'warning', 'warning', 'warning', 'warning', 'warning']);
  });

  it('DROP TABLE drops it, as in MariaDB', () => {
    const cat = parse(`${seqTable('s5')}\nDROP TABLE IF EXISTS s5;\n${seqTable('s5')}`);
    expect(cat.schemas.flatMap((s) => s.sequences).length).toBe(1);
    expect(codes(cat)).not.toContain('PGS1016');
  });
});
