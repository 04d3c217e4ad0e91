-- CHECK constraints; MariaDB adds TABLE_NAME and LEVEL (Column/Table), so `*`.
SELECT *
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA IN (?)
