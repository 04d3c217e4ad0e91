-- Every type: system types resolve column types by user_type_id, user-defined ones are alias or table types.
SELECT ty.user_type_id, ty.system_type_id, ty.schema_id, ty.name, ty.max_length, ty.precision, ty.scale, ty.is_nullable,
  ty.is_user_defined, ty.is_assembly_type, ty.is_table_type
FROM sys.types AS ty
ORDER BY ty.user_type_id
