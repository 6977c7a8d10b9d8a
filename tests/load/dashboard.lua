-- wrk: dashboard reads of random users, the three routes of a dashboard page in turn.
local key = os.getenv("ACTIVITY_KEY")
local users = tonumber(os.getenv("ACTIVITY_USERS") or "10000")
local routes = { "", "/weekly?weeks=12", "/top-items?limit=5" }
local turn = 0

wrk.headers["Authorization"] = "Bearer " .. key

request = function()
  turn = turn + 1
  local path = "/api/dashboard/users/user-" .. math.random(0, users - 1) .. routes[turn % 3 + 1]
  return wrk.format("GET", path)
end
