-- No JIT compilation on the ledger's database. Its queries are short, and PostgreSQL compiles any plan whose
-- estimated cost passes jit_above_cost, and plan costs grow with the ledger: compiling an as-of tally that runs in
-- 8 ms took 0.3 to 2.5 s on 2 cores (measured with the threshold lowered). Sessions opened after this take it.
-- Only the database's owner may set this; another role leaves a notice and the setting as it was.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'JIT stays on for database %: only its owner can run ALTER DATABASE % SET jit = off', current_database(), current_database();
END
$$;
