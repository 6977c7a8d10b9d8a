-- wrk: single-event emits, as an app does when each user action emits on its own.
-- Page views of 100 users on 1,000 paths: one type, so the feed groups them.
local key = os.getenv("ACTIVITY_KEY")
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. key

request = function()
  counter = counter + 1
  local body = string.format('{"type":"page_view","actorId":"user-%d","payload":{"path":"/posts/%d"}}', counter % 100, counter % 1000)
  return wrk.format(nil, nil, nil, body)
end
