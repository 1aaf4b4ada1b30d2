-- Wakes projection runners at commit (notifications are delivered only if the transaction commits).
SELECT pg_notify('ledger_events', '')
