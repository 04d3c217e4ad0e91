import { analyzeCatalog } from '../../src/analyze.js';
import { parseSource, type SourceDialect } from '../../src/convert.js';
import type { Assessment } from '../../src/emit/assessment.js';
import { decodeScript } from '../../src/sources/script.js';

/** Small scripts for the analyze tests: one of each kind of item and status, per dialect (CHECKSUM and BINARY_CHECKSUM have no mapping: errors). */
export const TSQL = `CREATE TYPE dbo.Phone FROM nvarchar(20) NOT NULL;
GO
CREATE TABLE dbo.Customer (
  Id int IDENTITY(1,1) NOT NULL PRIMARY KEY,
  Name nvarchar(100) NOT NULL DEFAULT (CHECKSUM(1)),
  Phone dbo.Phone NULL,
  Total AS (Id * 2) PERSISTED,
  Doc xml NULL
);
GO
CREATE INDEX IX_Customer_Name ON dbo.Customer (Name) WHERE Name IS NOT NULL;
GO
CREATE PRIMARY XML INDEX PXML_Doc ON dbo.Customer (Doc);
GO
CREATE VIEW dbo.V AS
SELECT Id,
  BINARY_CHECKSUM(Name) AS h
FROM dbo.Customer;
GO
CREATE PROCEDURE dbo.P AS
BEGIN
  SELECT 1;
END
GO
`;

export const MYSQL = `CREATE TABLE t (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  status ENUM('a','b') NOT NULL,
  updated TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  body TEXT,
  FULLTEXT KEY ft_body (body)
) ENGINE=InnoDB;
DELIMITER ;;
CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW
BEGIN
  SET NEW.body = 'x';
END;;
DELIMITER ;
INSERT INTO t (status) VALUES ('a'), ('b');
`;

/** Analyze a script text in-process, as file in.sql. */
export async function assess(text: string, from: SourceDialect, extra: { effortFile?: string; live?: boolean } = {}): Promise<Assessment> {
  const script = decodeScript(Buffer.from(text), 'in.sql');
  return analyzeCatalog(parseSource([script], from), { from, identifiers: 'lower', schemaMap: {}, targetVersion: 15, ...extra }, ['in.sql']);
}

