-- The table in which the schema runner before Flyway recorded the files it had applied. A
-- database made by it is baselined at the version that table records (see Schema.java) and
-- then needs it no more; a database made by Flyway never had it.
DROP TABLE IF EXISTS schema_version;
