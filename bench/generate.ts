/** Synthetic but realistic DDL: tables with the common type mix, keys, indexes, FKs, defaults, comments. */
export function generateDdl(dialect: 'tsql' | 'mysql', targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes; i++) {
    const s = dialect === 'tsql' ? tsqlTable(i) : mysqlTable(i);
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
}

function tsqlTable(i: number): string {
  const t = `[dbo].[Order_${i}]`;
  const ref = i > 0 ? `,\n    CONSTRAINT [FK_Order_${i}_prev] FOREIGN KEY ([PrevId]) REFERENCES [dbo].[Order_${i - 1}] ([OrderId]) ON DELETE NO ACTION` : '';
  return `CREATE TABLE ${t}
(
    [OrderId] INT IDENTITY(1,1) NOT NULL,
    [PrevId] INT NULL,
    [CustomerCode] NCHAR(5) NULL,
    [Name] NVARCHAR(120) NOT NULL,
    [Notes] NVARCHAR(MAX) NULL,
    [Amount] DECIMAL(18, 2) NOT NULL CONSTRAINT [DF_Order_${i}_Amount] DEFAULT ((0)),
    [Freight] MONEY NULL,
    [IsActive] BIT NOT NULL DEFAULT ((1)),
    [CreatedAt] DATETIME2(3) NOT NULL DEFAULT (sysdatetime()),
    [ShippedAt] DATETIME NULL,
    [RowGuid] UNIQUEIDENTIFIER NOT NULL DEFAULT (newid()),
    [Payload] VARBINARY(MAX) NULL,
    [Quantity] SMALLINT NOT NULL CHECK ([Quantity] >= 0),
    CONSTRAINT [PK_Order_${i}] PRIMARY KEY CLUSTERED ([OrderId] ASC)
      WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF) ON [PRIMARY]${ref}
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
CREATE NONCLUSTERED INDEX [IX_Order_${i}_Name] ON ${t} ([Name] ASC) INCLUDE ([Amount]) WHERE ([IsActive] = (1))
GO
EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = N'Orders, part ${i}', @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = N'Order_${i}'
GO
`;
}

function mysqlTable(i: number): string {
  const ref = i > 0 ? `,\n  CONSTRAINT \`fk_order_${i}_prev\` FOREIGN KEY (\`prev_id\`) REFERENCES \`order_${i - 1}\` (\`order_id\`) ON DELETE SET NULL ON UPDATE CASCADE` : '';
  return `DROP TABLE IF EXISTS \`order_${i}\`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE \`order_${i}\` (
  \`order_id\` int unsigned NOT NULL AUTO_INCREMENT,
  \`prev_id\` int unsigned DEFAULT NULL,
  \`name\` varchar(120) NOT NULL COMMENT 'customer name',
  \`notes\` text,
  \`status\` enum('new','paid','shipped') NOT NULL DEFAULT 'new',
  \`amount\` decimal(10,2) NOT NULL DEFAULT '0.00',
  \`is_active\` tinyint(1) NOT NULL DEFAULT '1',
  \`created_at\` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
  \`updated_at\` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  \`payload\` blob,
  \`qty\` smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (\`order_id\`),
  KEY \`idx_name\` (\`name\`),
  KEY \`idx_prev\` (\`prev_id\`)${ref}
) ENGINE=InnoDB AUTO_INCREMENT=17 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci COMMENT='orders part ${i}';
/*!40101 SET character_set_client = @saved_cs_client */;
`;
}
