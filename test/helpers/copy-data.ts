/** The type mix the copy must carry: zero dates, tinyint(1), bit, enum, set, unsigned, binary, json, decimals, NULLs, awkward text. */
export const TYPE_MIX_DDL = `
CREATE TABLE type_mix (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  flag TINYINT(1),
  b1 BIT(1),
  b10 BIT(10),
  mood ENUM('happy','sad','meh'),
  tags SET('red','green','blue'),
  big BIGINT UNSIGNED,
  small SMALLINT,
  price DECIMAL(20,6),
  ratio DOUBLE,
  raw VARBINARY(16),
  blobby BLOB,
  doc JSON,
  note TEXT,
  latin VARCHAR(40) CHARACTER SET latin1,
  d DATE,
  dt DATETIME(3),
  ts TIMESTAMP NULL DEFAULT NULL,
  t TIME,
  y YEAR
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;

/** Fixed rows with every edge (the zero dates need a permissive sql_mode). */
export const TYPE_MIX_ROWS = `
INSERT INTO type_mix (flag,b1,b10,mood,tags,big,small,price,ratio,raw,blobby,doc,note,latin,d,dt,ts,t,y) VALUES
 (1, b'1', b'1010101010', 'happy', 'red,blue', 18446744073709551615, -32768, 12345678901234.123456, 1.5, X'00FF10', X'DEADBEEF', '{"a": [1, 2, {"b": null}]}', 'tab\\there\\nnewline\\\\backslash\\rcr', 'café', '0000-00-00', '0000-00-00 00:00:00', '2021-03-04 05:06:07', '12:34:56', 2024),
 (0, b'0', b'0000000001', 'sad', '', 0, 32767, -0.000001, -2.25e-10, X'', X'', '[]', '', 'naïve', '2020-02-29', '2020-02-29 23:59:59.999', '1970-01-01 00:00:01', '00:00:00', 1901),
 (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
 (2, b'1', b'1111111111', 'meh', 'green', 42, 0, 0, 0, X'5C', X'5C0A09', '"string with \\\\"quote\\\\""', 'unicode ☃ 😀 and \\\\N literal', 'x', '2024-00-10', '2024-05-00 10:00:00', NULL, '23:59:59', 2155)`;

/** n generated rows appended with INSERT ... SELECT over a sequence (MariaDB's seq_1_to_n engine). */
export function typeMixBulk(n: number): string {
  return `INSERT INTO type_mix (flag,b1,b10,mood,tags,big,small,price,ratio,raw,blobby,doc,note,latin,d,dt,ts,t,y)
SELECT seq % 2, seq % 2, seq % 1024, ELT(1 + seq % 3, 'happy','sad','meh'), ELT(1 + seq % 4, '', 'red', 'red,green', 'green,blue'),
  seq * 1000003, seq % 30000, seq / 7, seq / 3, UNHEX(LPAD(HEX(seq), 8, '0')), NULL, CONCAT('{"n": ', seq, '}'),
  CONCAT('row ', seq, IF(seq % 10 = 0, '\\tx\\\\y\\nz', '')), IF(seq % 5 = 0, NULL, 'ab'),
  DATE_ADD('2000-01-01', INTERVAL seq % 9000 DAY), DATE_ADD('2000-01-01 00:00:00', INTERVAL seq SECOND),
  FROM_UNIXTIME(1000000000 + seq), SEC_TO_TIME(seq % 86400), 1901 + seq % 254
FROM seq_1_to_${n}`;
}

/** A simple wide-ish table for the resume test and throughput: integer key, text, numbers, a date. */
export function bulkTableSql(table: string, n: number): string[] {
  return [
    `CREATE TABLE ${table} (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(64) NOT NULL, amount DECIMAL(12,2), created DATETIME, note TEXT) ENGINE=InnoDB`,
    `INSERT INTO ${table} SELECT seq, CONCAT('name-', seq), seq / 100, DATE_ADD('2001-01-01', INTERVAL seq MINUTE), IF(seq % 3 = 0, NULL, REPEAT('x', seq % 50)) FROM seq_1_to_${n}`,
  ];
}
