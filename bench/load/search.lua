-- wrk script: a mix of searches over the SaudiNewsNet archive, as a newsroom would send them.
-- Used by bench/load/run.sh; see docs/benchmarks.md (issue 6).
--
-- The mix, drawn at random per request (seeded, so runs compare): single words, two-word
-- queries, phrases, queries filtered by outlet and dates, entity filters, facet-heavy queries,
-- and deeper pages.

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local words = { "السعودية", "اليمن", "الحوثيين", "النفط", "وزير", "الرياض", "التعليم",
  "الهلال", "الأمطار", "داعش", "إيران", "الملك", "الصحة", "الحج", "مكة", "الاتحاد",
  "الأسهم", "المرور", "جدة", "الشورى" }
local pairs2 = { "وزير الخارجية", "أسعار النفط", "سوق الأسهم", "التحالف العربي",
  "الدفاع المدني", "هيئة الأمر", "وزارة الصحة", "كرة القدم", "خادم الحرمين", "مجلس الوزراء" }
local phrases = { '"خادم الحرمين الشريفين"', '"ولي العهد"', '"الأمم المتحدة"',
  '"وزارة الداخلية"', '"أمير منطقة"' }
local sources = { "aawsat", "okaz", "alriyadh", "alwatan", "sabq", "aleqtisadiah", "almadina" }
local entities = { "اليمن", "إيران", "الرياض", "جدة", "الأمم المتحدة" }

local paths = {}
math.randomseed(20261129)
for i = 1, 1000 do
  local r = math.random(100)
  local p
  if r <= 30 then
    p = "/api/v1/search?q=" .. encode(words[math.random(#words)])
  elseif r <= 50 then
    p = "/api/v1/search?q=" .. encode(pairs2[math.random(#pairs2)])
  elseif r <= 60 then
    p = "/api/v1/search?q=" .. encode(phrases[math.random(#phrases)])
  elseif r <= 75 then
    p = "/api/v1/search?q=" .. encode(words[math.random(#words)]) .. "&source=" ..
      sources[math.random(#sources)] .. "&from=2015-08-01&to=2015-09-30"
  elseif r <= 85 then
    p = "/api/v1/search?q=" .. encode(words[math.random(#words)]) .. "&entity=" ..
      encode(entities[math.random(#entities)])
  elseif r <= 95 then
    p = "/api/v1/search?q=" .. encode(pairs2[math.random(#pairs2)]) .. "&facets=true"
  else
    p = "/api/v1/search?q=" .. encode(words[math.random(#words)]) .. "&offset=40&limit=20"
  end
  paths[i] = p
end

local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

done = function(summary, latency, requests)
  io.write(string.format(
    "RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
