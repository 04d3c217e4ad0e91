/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `t`;
CREATE TABLE `t` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(100) DEFAULT NULL,
  `note` text,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `t` WRITE;
/*!40000 ALTER TABLE `t` DISABLE KEYS */;
INSERT INTO `t` VALUES (1,'one','a string;
with a delimiter and a line'),(2,'two',NULL);
INSERT INTO `t` VALUES (3,'it\'s','back\\slash;'),(4,"double \" quote;",'#not a comment');
-- a comment; with a delimiter
INSERT INTO `t` VALUES (5,'five','/* not a comment'),(6,'six',NULL);
# another comment;
INSERT INTO `t` VALUES (7,'seven',NULL);
/*!40000 ALTER TABLE `t` ENABLE KEYS */;
UNLOCK TABLES;
/*!50003 SET @saved_sql_mode = @@sql_mode */ ;
DELIMITER ;;
/*!50003 CREATE*/ /*!50017 DEFINER=`root`@`localhost`*/ /*!50003 TRIGGER `t_bi` BEFORE INSERT ON `t` FOR EACH ROW BEGIN
  SET NEW.name = CONCAT(NEW.name, ';');
  INSERT INTO t_log VALUES (NEW.id);
END */;;
DELIMITER ;
/*!50003 SET sql_mode = @saved_sql_mode */ ;
DELIMITER $$
CREATE PROCEDURE `p`()
BEGIN
  INSERT INTO `t` VALUES (100, 'from proc', NULL);
  SELECT 1;
END$$
DELIMITER ;
INSERT INTO `t` (`id`, `name`) VALUES (8,'eight');
INSERT INTO `t` (`id`, `name`) VALUES (9,'nine') ON DUPLICATE KEY UPDATE name = 'x';
INSERT INTO `t` (`id`, `name`) VALUES (10,'ten');
use shop
DELIMITER $$
CREATE PROCEDURE `q`()
BEGIN
  SELECT 'no cut here;';
  SELECT 2;
END$$
DELIMITER ;
\u shop
CREATE TABLE `u` (`id` int);
source more.sql
CREATE TABLE `v` (`id` int);
