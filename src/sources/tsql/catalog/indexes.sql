-- Every index of every object (heaps and hypothetical indexes excluded); the owner decides what is kept.
SELECT i.object_id, i.index_id, i.name, i.type, i.type_desc, i.is_unique, i.is_primary_key, i.is_unique_constraint,
  i.has_filter, i.filter_definition, i.is_disabled
FROM sys.indexes AS i
WHERE i.type > 0 AND i.is_hypothetical = 0 AND OBJECTPROPERTY(i.object_id, 'IsMSShipped') = 0
ORDER BY i.object_id, i.index_id
