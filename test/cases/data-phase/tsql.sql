CREATE TABLE dbo.T (id int IDENTITY(1,1) PRIMARY KEY, name nvarchar(50), flag bit, amount decimal(10,2), at datetime, data varbinary(10), m money, d date);
SET IDENTITY_INSERT dbo.T ON;
INSERT INTO dbo.T (id, name, flag, amount, at, data, m, d) VALUES (1, N'Straße ''q'' \ tab	x', 1, -1.50, '2021/1/1', 0x0A0B, $12.50, '2020-02-29'), (2, NULL, 0, CAST('3.5' AS decimal(10,2)), CONVERT(datetime, '2020-01-02', 120), NULL, 1, NULL);
INSERT INTO dbo.T (id, name) VALUES (3, 'line
two');
INSERT INTO dbo.T (id, name) VALUES (4, GETDATE());
