-- A plain GET of the URL given to wrk.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local report = require("report")

done = report.done
