-- A token request with client_secret_basic: POST of a fixed form body.
-- Environment: BENCH_BASIC (the base64 of client_id:secret), BENCH_BODY (the form body).
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC")

done = report.done
