-- A small shop schema in the style of SSMS "Generate Scripts" output.
USE [Shop]
GO
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE SCHEMA [sales] AUTHORIZATION [dbo]
GO
CREATE TYPE [dbo].[Email] FROM [nvarchar](254) NOT NULL
GO
CREATE TABLE [dbo].[Customer](
	[CustomerId] [int] IDENTITY(1,1) NOT NULL,
	[Email] [dbo].[Email],
	[FirstName] [nvarchar](40) NOT NULL,
	[LastName] [nvarchar](40) NOT NULL,
	[FullName] AS ([FirstName] + N' ' + [LastName]),
	[IsVip] [bit] NOT NULL CONSTRAINT [DF_Customer_IsVip] DEFAULT ((0)),
	[CreatedAt] [datetime2](3) NOT NULL DEFAULT (sysdatetime()),
	[RowGuid] [uniqueidentifier] ROWGUIDCOL NOT NULL DEFAULT (newid()),
 CONSTRAINT [PK_Customer] PRIMARY KEY CLUSTERED ([CustomerId] ASC)
	WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY],
 CONSTRAINT [UQ_Customer_Email] UNIQUE NONCLUSTERED ([Email] ASC)
) ON [PRIMARY]
GO
CREATE TABLE [sales].[Order](
	[OrderId] [bigint] IDENTITY(1000,1) NOT NULL,
	[CustomerId] [int] NOT NULL,
	[OrderDate] [datetime] NOT NULL DEFAULT (getdate()),
	[Status] [tinyint] NOT NULL DEFAULT ((0)),
	[Total] [money] NOT NULL,
	[Notes] [nvarchar](max) NULL,
 CONSTRAINT [PK_Order] PRIMARY KEY CLUSTERED ([OrderId] ASC) ON [PRIMARY],
 CONSTRAINT [CK_Order_Total] CHECK ([Total] >= (0))
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
CREATE TABLE [sales].[OrderLine](
	[OrderId] [bigint] NOT NULL,
	[LineNo] [smallint] NOT NULL,
	[Sku] [varchar](20) NOT NULL,
	[Quantity] [int] NOT NULL,
	[UnitPrice] [decimal](10, 2) NOT NULL,
 CONSTRAINT [PK_OrderLine] PRIMARY KEY CLUSTERED ([OrderId] ASC, [LineNo] ASC)
) ON [PRIMARY]
GO
ALTER TABLE [sales].[Order] WITH CHECK ADD CONSTRAINT [FK_Order_Customer] FOREIGN KEY([CustomerId])
REFERENCES [dbo].[Customer] ([CustomerId])
GO
ALTER TABLE [sales].[OrderLine] WITH CHECK ADD CONSTRAINT [FK_OrderLine_Order] FOREIGN KEY([OrderId])
REFERENCES [sales].[Order] ([OrderId]) ON DELETE CASCADE
GO
ALTER TABLE [sales].[OrderLine] WITH CHECK ADD CONSTRAINT [CK_OrderLine_Quantity] CHECK (([Quantity]>(0)))
GO
CREATE NONCLUSTERED INDEX [IX_Order_Customer] ON [sales].[Order] ([CustomerId] ASC, [OrderDate] DESC)
INCLUDE ([Total]) WHERE ([Status] < (3)) ON [PRIMARY]
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'People who buy things' , @level0type=N'SCHEMA',@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'Customer'
GO
CREATE VIEW [sales].[OrderTotals] AS
SELECT o.CustomerId, COUNT(*) AS Orders, SUM(o.Total) AS Total
FROM sales.[Order] o GROUP BY o.CustomerId
GO
INSERT INTO [dbo].[Customer] ([Email], [FirstName], [LastName]) VALUES (N'ada@example.com', N'Ada', N'Lovelace')
GO
