-- a dump with raw BLOB bytes (mysqldump without --hex-blob) and a Windows-1252 comment: café
CREATE TABLE `b` (
  `id` int NOT NULL PRIMARY KEY,
  `note` varchar(20),
  `data` blob
);
INSERT INTO `b` VALUES (1,'résumÃ©','‰PNG\0\'');
INSERT INTO `b` VALUES (2,'résumÃ©','‰PNG\0\'');
INSERT INTO `b` VALUES (3,'résumÃ©','‰PNG\0\'');
INSERT INTO `b` VALUES (4,'résumÃ©','‰PNG\0\'');
INSERT INTO `b` VALUES (5,'résumÃ©','‰PNG\0\'');
INSERT INTO `b` VALUES (6,'résumÃ©','‰PNG\0\'');
