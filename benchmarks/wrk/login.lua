-- Complete password logins, as a citizen's browser makes them: the relying party's authorization
-- request, answered with the login page (since session 10; a redirect to it is followed too), and
-- the form post (Argon2id on the server), answered with the code at the redirect URI (consent
-- given beforehand; any other redirect is followed, up to 4). Run wrk with as many threads as
-- connections: each thread's state machine drives its one connection.
-- Prints "RESULT requests=<logins> errors=<failed logins and socket errors> p50_ms=<x> p99_ms=<x>",
-- the latencies being those of whole logins (every step included).
-- Environment: BENCH_AUTHORIZE (path and query of the authorization request), BENCH_REDIRECT (the
-- client's redirect URI), BENCH_USERNAME, BENCH_PASSWORD.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local timespec = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, timespec) -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local authorize = os.getenv("BENCH_AUTHORIZE")
local redirect = os.getenv("BENCH_REDIRECT")
local credentials = "username=" .. encode(os.getenv("BENCH_USERNAME") or "")
  .. "&password=" .. encode(os.getenv("BENCH_PASSWORD") or "") .. "&_csrf="

-- per thread (one connection each); read by done() through thread:get
logins = 0
failed = 0
durations = {}

local step, path, cookie, csrf, hops, started

local function restart(ok)
  if started then
    if ok then
      logins = logins + 1
      durations[#durations + 1] = now_ms() - started
    else
      failed = failed + 1
    end
  end
  step, path, cookie, csrf, hops, started = "authorize", authorize, nil, nil, 0, nil
end
restart(false)

local function local_path(location)
  return (location:gsub("^https?://[^/]+", ""))
end

function request()
  started = started or now_ms()
  local headers = {}
  if cookie then headers["Cookie"] = cookie end
  if step == "post" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", "/login", headers, credentials .. encode(csrf))
  end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  local set = headers["Set-Cookie"] or headers["set-cookie"]
  if set then cookie = set:match("^([^;]+)") end
  local location = headers["Location"] or headers["location"]
  local token = (step == "authorize" or step == "page") and body:match('name="_csrf" value="([^"]+)"')
  if step == "authorize" and status == 302 and location then
    step, path = "page", local_path(location)
  elseif (step == "authorize" or step == "page") and status == 200 and token then
    csrf = token:gsub("&#45;", "-"):gsub("&#61;", "=")
    step = "post"
  elseif (step == "post" or step == "follow") and status == 302 and location then
    if location:sub(1, #redirect) == redirect then
      restart(location:find("[?&]code=") ~= nil)
    elseif hops < 4 then
      step, path, hops = "follow", local_path(location), hops + 1
    else
      restart(false)
    end
  else
    restart(false)
  end
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local all, n, errors = {}, 0, 0
  for _, thread in ipairs(threads) do
    n = n + thread:get("logins")
    errors = errors + thread:get("failed")
    for _, d in ipairs(thread:get("durations")) do all[#all + 1] = d end
  end
  table.sort(all)
  local function percentile(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.ceil(#all * p / 100))]
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    n, errors + e.connect + e.read + e.write + e.timeout, percentile(50), percentile(99)))
end
