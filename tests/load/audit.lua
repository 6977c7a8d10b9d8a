-- wrk: audit log reads, one mix per run (ACTIVITY_MIX): filters, searches, or summaries, chosen at random.
local key = os.getenv("ACTIVITY_KEY")
local mix = os.getenv("ACTIVITY_MIX") or "filter"
local today = os.time()
local function day(offset) return os.date("!%Y-%m-%d", today - offset * 86400) end

local function filter()
  local n = math.random(0, 9999)
  local choices = {
    "/api/activity/log",
    "/api/activity/log?type=deployment",
    "/api/activity/log?actorId=user-" .. n,
    "/api/activity/log?itemId=item-" .. math.random(0, 49999),
    "/api/activity/log?status=failed",
    "/api/activity/log?environment=staging&status=success",
    "/api/activity/log?type=SIGN_IN&actorId=user-" .. n,
    "/api/activity/log?from=" .. day(math.random(1, 100)) .. "&to=" .. day(math.random(0, 1)),
    "/api/activity/log?from=" .. day(30) .. "&to=" .. day(29) .. "&type=vote",
  }
  return choices[math.random(#choices)]
end

local function search()
  local projects = { "orion", "lyra", "vega", "altair", "deneb", "rigel", "sirius", "polaris", "antares", "canopus" }
  local choices = {
    "/api/activity/log?q=" .. projects[math.random(#projects)],
    "/api/activity/log?q=rolled%20back",
    "/api/activity/log?q=timed%20out&environment=production",
    "/api/activity/log?q=endpoints",
    "/api/activity/log?q=" .. (math.random(1, 999999) * 10 + 4),
    "/api/activity/log?q=" .. projects[math.random(#projects)] .. "%20" .. math.random(0, 499),
  }
  return choices[math.random(#choices)]
end

local function summary()
  local choices = {
    "/api/activity/log/summary",
    "/api/activity/log/summary?from=" .. day(90),
    "/api/activity/log/summary?type=deployment&from=" .. day(120),
    "/api/activity/log/summary?from=" .. day(7) .. "&to=" .. day(0),
  }
  return choices[math.random(#choices)]
end

wrk.headers["Authorization"] = "Bearer " .. key

request = function()
  local path = (mix == "search" and search()) or (mix == "summary" and summary()) or filter()
  return wrk.format("GET", path)
end
