SELECT si.object_id, si.index_id, si.tessellation_scheme
FROM sys.spatial_indexes AS si
