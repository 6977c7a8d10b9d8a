-- Erasure of a person (DELETE /api/admin/tenants/{id}/users/{userId}) finds their comments by author.
-- Queries: a tenant's comments by one user (PostgresFeedStore.TraceComments, EraseComments).
CREATE INDEX comments_by_user ON comments (tenant_id, user_id);
