-- Constraint kinds per table: places MySQL 8 CHECKs (its CHECK_CONSTRAINTS has no table) and tells keys from indexes.
-- `*` because MySQL 8 adds ENFORCED.
SELECT *
FROM information_schema.TABLE_CONSTRAINTS
WHERE TABLE_SCHEMA IN (?)
