-- Ends every connection of a silent projecting node, its election lock with them, so that a live node takes the
-- projections over. Allowed to the ledger's own role for sessions of the same role.
SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @application_name
