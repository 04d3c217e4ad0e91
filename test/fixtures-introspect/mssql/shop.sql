-- The database of shop-rows.ts as SSMS "Generate Scripts" writes it (objects in the introspector's name order).
CREATE SCHEMA [archive]
GO
CREATE TYPE [dbo].[OrderLineList] AS TABLE(
	[ProductId] [int] NOT NULL,
	[Qty] [int] NOT NULL
)
GO
CREATE TYPE [dbo].[Phone] FROM [nvarchar](20) NOT NULL
GO
CREATE SCHEMA [sales]
GO
CREATE TABLE [dbo].[OrderLines](
	[OrderId] [bigint] NOT NULL,
	[LineNo] [int] NOT NULL,
	[ProductId] [int] NOT NULL,
	[Qty] [int] NOT NULL,
 CONSTRAINT [PK_OrderLines] PRIMARY KEY CLUSTERED
(
	[OrderId] ASC,
	[LineNo] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
) ON [PRIMARY]
GO
CREATE TABLE [dbo].[Orders](
	[Id] [bigint] IDENTITY(1000,5) NOT FOR REPLICATION NOT NULL,
	[CustomerId] [int] NOT NULL,
	[OrderDate] [datetime2](3) NOT NULL,
	[Amount] [decimal](18, 2) NOT NULL,
	[Tax]  AS ([Amount]*(0.2)),
	[Total]  AS ([Amount]*(2)) PERSISTED,
	[Status] [int] NOT NULL,
	[Deleted] [bit] NOT NULL,
	[Doc] [xml] NULL,
	[Ver] [rowversion] NOT NULL,
	[Attachment] [varbinary](max) NULL,
 CONSTRAINT [PK_Orders] PRIMARY KEY CLUSTERED
(
	[Id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
CREATE TABLE [dbo].[Prices](
	[Id] [int] NOT NULL,
	[Price] [decimal](10, 2) NOT NULL,
	[ValidFrom] [datetime2](7) GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
	[ValidTo] [datetime2](7) GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
 CONSTRAINT [PK_Prices] PRIMARY KEY CLUSTERED
(
	[Id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY],
	PERIOD FOR SYSTEM_TIME ([ValidFrom], [ValidTo])
) ON [PRIMARY]
WITH
(
SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[PricesHistory])
)
GO
CREATE TABLE [dbo].[PricesHistory](
	[Id] [int] NOT NULL,
	[Price] [decimal](10, 2) NOT NULL,
	[ValidFrom] [datetime2](7) NOT NULL,
	[ValidTo] [datetime2](7) NOT NULL
) ON [PRIMARY]
GO
CREATE CLUSTERED INDEX [ix_PricesHistory] ON [dbo].[PricesHistory]
(
	[ValidTo] ASC,
	[ValidFrom] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, SORT_IN_TEMPDB = OFF, DROP_EXISTING = OFF, ONLINE = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
GO
CREATE TABLE [dbo].[Products](
	[Id] [int] NOT NULL,
	[Name] [nvarchar](200) NOT NULL,
	[Shape] [geography] NULL,
PRIMARY KEY CLUSTERED
(
	[Id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
CREATE TABLE [dbo].[SessionCache]
(
	[Id] [int] NOT NULL,
	[Payload] [varbinary](max) NULL,

 CONSTRAINT [PK_SessionCache]  PRIMARY KEY NONCLUSTERED HASH
(
	[Id]
)WITH ( BUCKET_COUNT = 1024)
)WITH ( MEMORY_OPTIMIZED = ON , DURABILITY = SCHEMA_ONLY )
GO
CREATE TABLE [sales].[Customers](
	[Id] [int] IDENTITY(1,1) NOT NULL,
	[Name] [nvarchar](100) NOT NULL,
	[Email] [nvarchar](200) NULL,
	[Phone] [dbo].[Phone] NOT NULL,
	[Code] [varchar](10) COLLATE Latin1_General_CS_AS NULL,
	[RowGuid] [uniqueidentifier] ROWGUIDCOL  NOT NULL,
	[Notes] [nvarchar](max) NULL,
 CONSTRAINT [PK_Customers] PRIMARY KEY CLUSTERED
(
	[Id] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY],
 CONSTRAINT [UQ_Customers_Email] UNIQUE NONCLUSTERED
(
	[Email] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
SET ANSI_PADDING ON
GO
CREATE NONCLUSTERED INDEX [IX_Orders_Customer] ON [dbo].[Orders]
(
	[CustomerId] ASC,
	[OrderDate] DESC
)
INCLUDE([Amount],[Status])
WHERE ([Deleted]=(0))
WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, SORT_IN_TEMPDB = OFF, DROP_EXISTING = OFF, ONLINE = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
GO
CREATE NONCLUSTERED COLUMNSTORE INDEX [NCCI_Orders] ON [dbo].[Orders]
(
	[Amount],
	[Status]
)WITH (DROP_EXISTING = OFF, COMPRESSION_DELAY = 0) ON [PRIMARY]
GO
CREATE PRIMARY XML INDEX [PXML_Orders_Doc] ON [dbo].[Orders]
(
	[Doc]
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, SORT_IN_TEMPDB = OFF, DROP_EXISTING = OFF, ONLINE = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON)
GO
CREATE XML INDEX [IXML_Orders_Doc_Path] ON [dbo].[Orders]
(
	[Doc]
)
USING XML INDEX [PXML_Orders_Doc] FOR PATH WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, SORT_IN_TEMPDB = OFF, DROP_EXISTING = OFF, ONLINE = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON)
GO
CREATE UNIQUE NONCLUSTERED INDEX [UX_Products_Name] ON [dbo].[Products]
(
	[Name] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, SORT_IN_TEMPDB = OFF, IGNORE_DUP_KEY = OFF, DROP_EXISTING = OFF, ONLINE = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
GO
CREATE SPATIAL INDEX [SIX_Products_Shape] ON [dbo].[Products]
(
	[Shape]
)USING  GEOGRAPHY_AUTO_GRID
WITH (CELLS_PER_OBJECT = 12, PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, SORT_IN_TEMPDB = OFF, DROP_EXISTING = OFF, ONLINE = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
GO
CREATE FULLTEXT INDEX ON [dbo].[Products](
[Name] LANGUAGE 'English')
KEY INDEX [UX_Products_Name]ON ([ftShop], FILEGROUP [PRIMARY])
WITH (CHANGE_TRACKING = AUTO, STOPLIST = SYSTEM)
GO
ALTER TABLE [dbo].[Orders] ADD  CONSTRAINT [DF_Orders_OrderDate]  DEFAULT (sysdatetime()) FOR [OrderDate]
GO
ALTER TABLE [dbo].[Orders] ADD  CONSTRAINT [DF_Orders_Amount]  DEFAULT ((0)) FOR [Amount]
GO
ALTER TABLE [dbo].[Orders] ADD  DEFAULT ((0)) FOR [Deleted]
GO
ALTER TABLE [sales].[Customers] ADD  DEFAULT (newid()) FOR [RowGuid]
GO
ALTER TABLE [dbo].[OrderLines]  WITH NOCHECK ADD FOREIGN KEY([ProductId])
REFERENCES [dbo].[Products] ([Id])
ON UPDATE SET DEFAULT
ON DELETE SET NULL
NOT FOR REPLICATION
GO
ALTER TABLE [dbo].[OrderLines]  WITH NOCHECK ADD  CONSTRAINT [FK_OrderLines_Orders] FOREIGN KEY([OrderId])
REFERENCES [dbo].[Orders] ([Id])
ON UPDATE CASCADE
GO
ALTER TABLE [dbo].[OrderLines] NOCHECK CONSTRAINT [FK_OrderLines_Orders]
GO
ALTER TABLE [dbo].[Orders]  WITH CHECK ADD  CONSTRAINT [FK_Orders_Customers] FOREIGN KEY([CustomerId])
REFERENCES [sales].[Customers] ([Id])
ON DELETE CASCADE
GO
ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [FK_Orders_Customers]
GO
ALTER TABLE [dbo].[Orders]  WITH NOCHECK ADD  CONSTRAINT [CK_Orders_Amount] CHECK  (([Amount]>=(0)))
GO
ALTER TABLE [dbo].[Orders] NOCHECK CONSTRAINT [CK_Orders_Amount]
GO
ALTER TABLE [dbo].[Orders]  WITH NOCHECK ADD  CONSTRAINT [CK_Orders_Date] CHECK  (([OrderDate]>='2000-01-01'))
GO
ALTER TABLE [dbo].[Orders]  WITH CHECK ADD  CONSTRAINT [CK_Orders_Status] CHECK  (([Status]>=(0) AND [Status]<=(9)))
GO
ALTER TABLE [dbo].[Orders] CHECK CONSTRAINT [CK_Orders_Status]
GO
CREATE SEQUENCE [dbo].[OrderNo]
 AS [bigint]
 START WITH 1000
 INCREMENT BY 1
 MINVALUE 1
 MAXVALUE 9223372036854775807
 CACHE  50
GO
CREATE FUNCTION [dbo].[fn_Net] (@x decimal(18, 2))
RETURNS decimal(18, 2)
AS
BEGIN
  RETURN @x * 0.8;
END
GO
-- Adds one order.
CREATE PROCEDURE [dbo].[usp_AddOrder] @CustomerId int, @Amount decimal(18, 2)
AS
BEGIN
  SET NOCOUNT ON;
  INSERT INTO dbo.Orders (CustomerId, Amount, Status) VALUES (@CustomerId, @Amount, 0);
END
GO
CREATE VIEW [dbo].[vOrderTotals]
WITH SCHEMABINDING
AS
SELECT o.CustomerId, SUM(o.Amount) AS Total, COUNT_BIG(*) AS N
FROM dbo.Orders AS o
GROUP BY o.CustomerId
GO
CREATE UNIQUE CLUSTERED INDEX [IX_vOrderTotals] ON [dbo].[vOrderTotals]
(
	[CustomerId] ASC
)
GO
CREATE FUNCTION [sales].[fn_OrdersOf] (@CustomerId int)
RETURNS TABLE
AS
RETURN (SELECT o.Id, o.Amount FROM dbo.Orders AS o WHERE o.CustomerId = @CustomerId)
GO
CREATE TRIGGER [dbo].[trg_Orders_Audit] ON [dbo].[Orders]
AFTER INSERT, UPDATE
AS
BEGIN
  SET NOCOUNT ON;
END
GO
ALTER TABLE [dbo].[Orders] ENABLE TRIGGER [trg_Orders_Audit]
GO
CREATE TRIGGER [trg_NoDrops] ON DATABASE FOR DROP_TABLE AS ROLLBACK
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'Customer-facing data' , @level0type=N'SCHEMA',@level0name=N'sales'
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'Customers of the shop' , @level0type=N'SCHEMA',@level0name=N'sales', @level1type=N'TABLE',@level1name=N'Customers'
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'Full name, as printed on invoices' , @level0type=N'SCHEMA',@level0name=N'sales', @level1type=N'TABLE',@level1name=N'Customers', @level2type=N'COLUMN',@level2name=N'Name'
GO
EXEC sys.sp_addextendedproperty @name=N'Owner', @value=N'billing team' , @level0type=N'SCHEMA',@level0name=N'dbo', @level1type=N'TABLE',@level1name=N'Orders'
GO
EXEC sys.sp_addextendedproperty @name=N'MS_Description', @value=N'Totals per customer' , @level0type=N'SCHEMA',@level0name=N'dbo', @level1type=N'VIEW',@level1name=N'vOrderTotals'
GO
