import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// npm run bench:dump: a data dump per dialect (mysqldump-style extended INSERTs; SSMS-style one-row INSERTs) of
// PGSHIFT_BENCH_DUMP_MB (default 1024) and a quarter of it, converted by `pgshift convert` in a child process:
// MB/s and peak RSS at both sizes (flat is the target: the script is read in segments, rows as offsets).
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const full = Number(process.env.PGSHIFT_BENCH_DUMP_MB ?? 1024) * 1e6;

function writeDump(file: string, dialect: 'tsql' | 'mysql', bytes: number): void {
  const fd = openSync(file, 'w');
  let size = 0;
  const put = (s: string) => {
    writeSync(fd, s);
    size += Buffer.byteLength(s);
  };
  try {
    if (dialect === 'mysql') {
      put('/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `item` (\n  `id` int unsigned NOT NULL AUTO_INCREMENT,\n  `name` varchar(100) NOT NULL,\n  `price` decimal(10,2) DEFAULT NULL,\n  `created` datetime NOT NULL,\n  `note` text,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\nLOCK TABLES `item` WRITE;\n');
      for (let id = 1; size < bytes;) {
        const rows: string[] = [];
        for (let i = 0; i < 500; i++, id++) rows.push(`(${id},'item ${id} \\'quoted\\'',${(id % 1000) / 10},'2024-01-${String((id % 28) + 1).padStart(2, '0')} 10:00:00',${id % 7 ? `'note; ${id}'` : 'NULL'})`);
        put(`INSERT INTO \`item\` VALUES ${rows.join(',')};\n`);
      }
      put('UNLOCK TABLES;\n');
    } else {
      put('CREATE TABLE [dbo].[Item] ([Id] INT IDENTITY(1,1) NOT NULL PRIMARY KEY, [Name] NVARCHAR(100) NOT NULL, [Price] DECIMAL(10,2) NULL, [Created] DATETIME NOT NULL, [Note] NVARCHAR(MAX) NULL)\nGO\nSET IDENTITY_INSERT [dbo].[Item] ON\n');
      for (let id = 1; size < bytes;) {
        const lines: string[] = [];
        for (let i = 0; i < 500; i++, id++) lines.push(`INSERT [dbo].[Item] ([Id], [Name], [Price], [Created], [Note]) VALUES (${id}, N'item ${id} ''quoted''', ${(id % 1000) / 10}, CAST(N'2024-01-${String((id % 28) + 1).padStart(2, '0')}T10:00:00.000' AS DateTime), ${id % 7 ? `N'note ${id}'` : 'NULL'})\n`);
        put(lines.join(''));
      }
      put('SET IDENTITY_INSERT [dbo].[Item] OFF\nGO\n');
    }
  } finally {
    closeSync(fd);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'pgshift-bench-dump-'));
try {
  for (const dialect of ['mysql', 'tsql'] as const) {
    for (const bytes of [full / 4, full]) {
      const f = join(dir, `${dialect}.sql`);
      writeDump(f, dialect, bytes);
      const mb = statSync(f).size / 1e6;
      const out = join(dir, 'out');
      const t0 = performance.now();
      // /usr/bin/time reports the child's peak RSS (kB) on its last line of stderr
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'convert', f, '--from', dialect, '-o', out], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
      const seconds = (performance.now() - t0) / 1000;
      if (r.status !== 0) throw new Error(`pgshift convert failed: ${r.stderr.slice(-2000)}`);
      const rssMb = Number(r.stderr.trim().split('\n').pop()) / 1024;
      const dataMb = statSync(join(out, '0040_data.sql')).size / 1e6;
      console.log(`${dialect.padEnd(5)} ${mb.toFixed(0).padStart(5)} MB dump -> ${dataMb.toFixed(0)} MB of COPY data in ${seconds.toFixed(1)} s: ${(mb / seconds).toFixed(1)} MB/s, peak RSS ${rssMb.toFixed(0)} MB`);
      rmSync(out, { recursive: true, force: true });
      rmSync(f);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
