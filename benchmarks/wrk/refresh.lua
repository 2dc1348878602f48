-- Refresh grants, each connection following a rotating chain: the refresh tokens of
-- BENCH_TOKENS (a file, one per line; at least one per connection) are taken in turn, and each
-- answer's new refresh token goes back in the pool. A refused grant loses its chain.
-- Environment: BENCH_BASIC (the base64 of client_id:secret), BENCH_TOKENS.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

local pool = {}
local basic = os.getenv("BENCH_BASIC")

function init(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if #line > 0 then table.insert(pool, line) end
  end
end

function request()
  local token = table.remove(pool, 1) or "exhausted"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Authorization"] = "Basic " .. basic,
  }, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if status == 200 and token then table.insert(pool, token) end
end

done = report.done
