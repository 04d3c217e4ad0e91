-- xml_index_type 0 primary, 1 secondary (using_xml_index_id + secondary_type_desc PATH/VALUE/PROPERTY).
SELECT xi.object_id, xi.index_id, xi.using_xml_index_id, xi.secondary_type_desc, xi.xml_index_type
FROM sys.xml_indexes AS xi
