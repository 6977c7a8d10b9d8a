-- Dashboards: a user's dashboard grain, activated anywhere, reads the events it has not counted yet.

-- Queries: a user's events after a sequence, as actor (activity_queue_by_actor) and as the item's
-- owner (activity_queue_by_owner), each in sequence order (PostgresActivityQueue.ReadUserSql).
CREATE INDEX activity_queue_by_actor ON activity_queue (tenant_id, actor_id, seq);
CREATE INDEX activity_queue_by_owner ON activity_queue (tenant_id, item_owner_id, seq) WHERE item_owner_id IS NOT NULL;
