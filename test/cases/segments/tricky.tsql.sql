CREATE TABLE [dbo].[T] ([Id] INT NOT NULL PRIMARY KEY, [Name] NVARCHAR(100) NULL, [Note] NVARCHAR(MAX) NULL)
GO
PRINT 'a message
GO
INSERT [dbo].[T] ([Id], [Name]) VALUES (11, N''in a string'')'
INSERT [dbo].[T] ([Id], [Name]) VALUES (12, N'twelve')
GO
SET IDENTITY_INSERT [dbo].[T] ON
INSERT [dbo].[T] ([Id], [Name], [Note]) VALUES (1, N'one', N'a string with a line
GO
and more lines; INSERT into nothing')
INSERT [dbo].[T] ([Id], [Name], [Note]) VALUES (2, N'two', NULL)
/* a comment
INSERT [dbo].[T] ([Id], [Name]) VALUES (99, N'commented out')
*/
INSERT [dbo].[T] ([Id], [Name], [Note]) VALUES (3, N'[bracket', N'it''s')
INSERT [dbo].[T] ([Id], [Name], [Note])
VALUES (4, N'four', NULL),
(5, N'five', NULL)
SET IDENTITY_INSERT [dbo].[T] OFF
GO
IF NOT EXISTS (SELECT 1 FROM [dbo].[T] WHERE [Id] = 6)
INSERT [dbo].[T] ([Id], [Name]) VALUES (6, N'six')
INSERT [dbo].[T] ([Id], [Name]) VALUES (7, N'seven')
GO
CREATE PROCEDURE [dbo].[AddT] @id INT AS
BEGIN
INSERT [dbo].[T] ([Id], [Name]) VALUES (@id, N'proc')
INSERT [dbo].[T] ([Id], [Name]) VALUES (@id + 1, N'proc')
END
GO
CREATE VIEW [dbo].[V] AS
SELECT [Id], [Name] -- a comment with 'a quote
FROM [dbo].[T]
GO
INSERT [dbo].[T] ([Id], [Name]) VALUES (8, N'/* not a comment')
INSERT [dbo].[T] ([Id], [Name]) VALUES (9, N'-- not a comment either')
INSERT [dbo].[T] ([Id], [Name]) VALUES (10, N'ten')
GO
CREATE TABLE dbo.U (id int PRIMARY KEY, v nvarchar(20));
INSERT INTO dbo.U (id, v) VALUES (1, N'a');
INSERT INTO dbo.U (id, v) VALUES (2, N'b');
WITH src AS (SELECT 3 AS id)
INSERT INTO dbo.U (id, v) VALUES (3, N'c');
INSERT INTO dbo.U (id, v) VALUES (4, N'd');
GO
BEGIN TRANSACTION
INSERT INTO dbo.U (id, v) VALUES (20, N'in a transaction')
INSERT INTO dbo.U (id, v) VALUES (21, N'in a transaction')
COMMIT TRANSACTION
IF 1 = 1
BEGIN
INSERT INTO dbo.U (id, v) VALUES (22, N'in a block')
INSERT INTO dbo.U (id, v) VALUES (23, N'in a block')
END
INSERT INTO dbo.U (id, v) VALUES (24, N'after the block')
GO
BEGIN
INSERT INTO dbo.U (id, v) VALUES (30, N'in a bare block')
INSERT INTO dbo.U (id, v) VALUES (31, N'in a bare block')
END
GO
