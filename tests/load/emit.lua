-- wrk: single-event emits, as an app does when each user action emits on its own.
-- Page views of 100 users on 1,000 paths: one type, so the feed groups them.
-- The 1,000 requests are built once and sent in turn: wrk shares the two cores with the silo and
-- PostgreSQL, and formatting each request anew cost it ~2.5 us of CPU per request.
local key = os.getenv("ACTIVITY_KEY")
local requests = {}
local turn = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key

init = function()
  for i = 1, 1000 do
    local body = string.format('{"type":"page_view","actorId":"user-%d","payload":{"path":"/posts/%d"}}', i % 100, i % 1000)
    requests[i] = wrk.format(nil, nil, nil, body)
  end
end

request = function()
  turn = turn % #requests + 1
  return requests[turn]
end
