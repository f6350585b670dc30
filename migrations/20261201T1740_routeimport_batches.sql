-- Why: an analyst routes what an import brought in (a feed of botnet IPs) to the CIRTs. Each committed
-- batch records, in its own transaction, the intel_objects rows it wrote and the stored rows its
-- duplicate records matched, as one multirange of pks: a batch's new rows are one run of consecutive
-- pks, so a batch costs one small row, never one row per object. Routing reads the import's objects
-- by these ranges, in pk order.
CREATE TABLE intel_import_batches (
  id bigserial PRIMARY KEY,
  import_id uuid NOT NULL REFERENCES intel_imports (id) ON DELETE CASCADE,
  pks int8multirange NOT NULL
);
CREATE INDEX intel_import_batches_import_idx ON intel_import_batches (import_id, id);

ALTER TABLE routing_runs DROP CONSTRAINT IF EXISTS routing_runs_source_kind_check;
ALTER TABLE routing_runs ADD CONSTRAINT routing_runs_source_kind_check
  CHECK (source_kind IN ('objects', 'collection', 'list', 'import'));
