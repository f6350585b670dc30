-- Why: ingest writes every object row and every correlation link with COPY (issue #5: ≥ 20,000
-- indicators/s). A foreign key is checked by a trigger per inserted row, a lookup each: four of them
-- (producer, author, value, object) cost about as much as the two inserts' eight indexes together,
-- to check what the batch writer already knows (it checks the producer and author once per batch, and
-- links only ids it has just interned or inserted). So the keys go, and what they guaranteed on the
-- other side, where rows are deleted (which no code path does today: the store is append-only), is
-- kept by delete triggers that cost nothing at ingest.
ALTER TABLE intel_objects DROP CONSTRAINT IF EXISTS intel_objects_producer_organisation_id_fkey;
ALTER TABLE intel_objects DROP CONSTRAINT IF EXISTS intel_objects_author_user_id_fkey;
ALTER TABLE intel_object_values DROP CONSTRAINT IF EXISTS intel_object_values_value_id_fkey;
ALTER TABLE intel_object_values DROP CONSTRAINT IF EXISTS intel_object_values_object_pk_fkey;

-- An organisation that produced intelligence cannot be deleted (was: the producer foreign key).
CREATE FUNCTION intel_guard_organisation_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM intel_objects WHERE producer_organisation_id = OLD.id) THEN
    RAISE EXCEPTION 'organisation % produced intelligence objects and cannot be deleted', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER intel_guard_organisation_delete BEFORE DELETE ON organisations
  FOR EACH ROW EXECUTE FUNCTION intel_guard_organisation_delete();

-- A deleted user's objects stay, without an author (was: ON DELETE SET NULL).
CREATE FUNCTION intel_forget_deleted_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE intel_objects SET author_user_id = NULL WHERE author_user_id = OLD.id;
  RETURN OLD;
END $$;
CREATE TRIGGER intel_forget_deleted_author AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION intel_forget_deleted_author();

-- A value still linked to an object cannot be deleted (was: the value foreign key).
CREATE FUNCTION intel_guard_value_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM intel_object_values WHERE value_id = OLD.id) THEN
    RAISE EXCEPTION 'value % is linked to intelligence objects and cannot be deleted', OLD.id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER intel_guard_value_delete BEFORE DELETE ON intel_values
  FOR EACH ROW EXECUTE FUNCTION intel_guard_value_delete();

-- Deleting objects takes their links away and lowers the values' counts (was: ON DELETE CASCADE,
-- which left the counts too high). One statement for all the deleted rows.
CREATE FUNCTION intel_unlink_deleted_objects() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH gone AS (
    DELETE FROM intel_object_values l USING deleted d WHERE l.object_pk = d.pk RETURNING l.value_id
  ), n AS (SELECT value_id, count(*)::int AS n FROM gone GROUP BY value_id)
  UPDATE intel_values v SET object_count = v.object_count - n.n FROM n WHERE v.id = n.value_id;
  RETURN NULL;
END $$;
CREATE TRIGGER intel_unlink_deleted_objects AFTER DELETE ON intel_objects
  REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION intel_unlink_deleted_objects();
