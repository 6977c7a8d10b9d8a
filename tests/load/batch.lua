-- wrk: 1,000-event batches, as a backfill or a busy service's client batching does.
-- Ten types, a hundred users, a small payload each; items have owners, so votes, comments and views
-- reach their owners' dashboards too.
local key = os.getenv("ACTIVITY_KEY")
local types = { "page_view", "vote", "comment", "SIGN_IN", "badge_earned", "deployment", "github_push", "post_create", "view", "scroll" }

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key

local events = {}
for i = 1, 1000 do
  events[i] = string.format('{"type":"%s","actorId":"user-%d","itemId":"item-%d","itemOwnerId":"user-%d","payload":{"n":%d}}', types[(i % 10) + 1], i % 100, i % 250, (i % 250) % 100, i)
end
wrk.body = "[" .. table.concat(events, ",") .. "]"
