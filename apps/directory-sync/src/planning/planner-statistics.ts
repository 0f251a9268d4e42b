/**
 * What `Sql.analyze` refreshes after a bulk write: the columns the sync's statements filter, join or
 * sort on. The planner needs their row counts and distributions; the text payload columns (aliases,
 * reasons, changes) are never filtered on, and sampling them took most of a whole-table ANALYZE (about
 * 0.6-2 s of 100,000 rows against 0.2 s for these).
 */
export const ARCHIVE_USERS_KEYS = 'archive_users (instance_id, oid, user_name, state)';
export const PLAN_ITEMS_KEYS = 'sync_plan_items (run_id, oid, action, user_name, included)';
