CREATE TABLE `m` (
  `id` int NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `s` varchar(40),
  `ok` tinyint(1),
  `b` bit(3),
  `e` enum('a','b'),
  `st` set('x','y'),
  `bin` varbinary(8),
  `dt` datetime,
  `dd` date
);
INSERT INTO `m` VALUES (1,'it\'s \\ a\ttab\nnl',1,b'101','b','x,y',0x00ff,'0000-00-00 00:00:00','2020-00-10'),(2,NULL,0,b'0','a','',X'41','2021-03-04 05:06:07','2021-03-04'),(3,'ü',TRUE,NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO `m` (`id`, `s`) VALUES (4, CONCAT('a','b'));
INSERT INTO `m` (`id`, `bin`) VALUES (5,'a\0b\tc\\d\'');
