-- Index parts (primary, unique, plain, FULLTEXT, SPATIAL); `*` because MySQL 8 adds EXPRESSION (functional parts)
-- and MariaDB 10.6+ adds IGNORED, which the other server does not have.
SELECT *
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA IN (?)
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
