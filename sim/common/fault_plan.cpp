#include "sim/common/fault_plan.hpp"

#include "sim/common/json_util.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace hlc::sim {

namespace {

struct action_name {
  fault_action action;
  const char* name;
  bool http;
  bool ws;
};

constexpr action_name action_names[] = {
    {fault_action::status, "status", true, false},
    {fault_action::delay, "delay", true, true},
    {fault_action::reset, "reset", true, false},
    {fault_action::stall, "stall", true, false},
    {fault_action::disconnect, "disconnect", false, true},
    {fault_action::close, "close", false, true},
    {fault_action::ws_stall, "ws_stall", false, true},
    {fault_action::duplicate, "duplicate", false, true},
    {fault_action::reorder, "reorder", false, true},
    {fault_action::malformed, "malformed", false, true},
};

const action_name& info(fault_action a) {
  for (const auto& x : action_names)
    if (x.action == a) return x;
  return action_names[0];
}

bool path_matches(const std::string& pattern, const std::string& path) {
  if (pattern.empty() || pattern == "*") return true;
  if (pattern.back() == '*')
    return path.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1)
           == 0;
  return pattern == path;
}

using json_writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(json_writer& w, const char* key, const std::string& v) {
  w.Key(key);
  w.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
}

void write_rule(json_writer& w, const fault_rule& r) {
  w.StartObject();
  if (!r.name.empty()) put(w, "name", r.name);
  put(w, "on", r.on == fault_on::http ? "http" : "ws");
  if (r.on == fault_on::http) {
    put(w, "path", r.path);
    if (!r.body_contains.empty()) put(w, "body_contains", r.body_contains);
  } else {
    put(w, "channel", r.channel);
  }
  if (r.nth) {
    w.Key("nth");
    w.Uint64(r.nth);
  }
  if (r.every) {
    w.Key("every");
    w.Uint64(r.every);
  }
  if (r.after_n) {
    w.Key("after_n");
    w.Uint64(r.after_n);
  }
  if (r.probability < 1.0) {
    w.Key("probability");
    w.Double(r.probability);
  }
  if (r.times) {
    w.Key("times");
    w.Uint64(r.times);
  }
  put(w, "action", to_string(r.action));
  if (r.phase == fault_phase::after) put(w, "phase", "after");
  if (r.action == fault_action::status) {
    w.Key("status");
    w.Int(r.status);
    put(w, "body", r.body);
    put(w, "content_type", r.content_type);
    w.Key("headers");
    w.StartObject();
    for (const auto& [k, v] : r.headers)
      put(w, k.c_str(), v);
    w.EndObject();
  }
  if (r.delay_us) {
    w.Key("delay_us");
    w.Int64(r.delay_us);
  }
  if (r.action == fault_action::malformed) put(w, "malform", r.malform);
  w.EndObject();
}

} // namespace

std::string to_string(fault_action x) {
  return info(x).name;
}

fault_rule parse_fault(const rapidjson::Value& v, const std::string& where) {
  if (!v.IsObject()) throw input_error(where + ": expected an object");
  fault_rule r;
  r.name = opt_string(v, "name", where).value_or("");
  auto on = opt_string(v, "on", where).value_or("http");
  if (on == "http")
    r.on = fault_on::http;
  else if (on == "ws")
    r.on = fault_on::ws;
  else
    throw input_error(where + ".on: expected \"http\" or \"ws\", got \"" + on
                      + "\"");
  r.path = opt_string(v, "path", where).value_or("*");
  r.body_contains = opt_string(v, "body_contains", where).value_or("");
  r.channel = opt_string(v, "channel", where).value_or("*");
  r.nth = opt_uint(v, "nth", where).value_or(0);
  r.every = opt_uint(v, "every", where).value_or(0);
  r.after_n = opt_uint(v, "after_n", where).value_or(0);
  r.times = opt_uint(v, "times", where).value_or(0);
  r.probability = opt_number(v, "probability", where).value_or(1.0);
  if (r.probability < 0.0 || r.probability > 1.0)
    throw input_error(where + ".probability: expected a number in [0, 1]");
  auto action = get_string(v, "action", where);
  bool found = false;
  for (const auto& a : action_names) {
    if (action == a.name) {
      if (r.on == fault_on::http ? !a.http : !a.ws)
        throw input_error(where + ".action: \"" + action
                          + "\" does not apply to on=\"" + on + "\"");
      r.action = a.action;
      found = true;
    }
  }
  if (!found)
    throw input_error(where + ".action: unknown action \"" + action + "\"");
  auto phase = opt_string(v, "phase", where).value_or("before");
  if (phase == "after")
    r.phase = fault_phase::after;
  else if (phase != "before")
    throw input_error(where + ".phase: expected \"before\" or \"after\"");
  r.status = static_cast<int>(opt_int(v, "status", where).value_or(500));
  if (r.status < 100 || r.status > 599)
    throw input_error(where + ".status: expected an HTTP status");
  r.body = opt_string(v, "body", where).value_or("");
  r.content_type
      = opt_string(v, "content_type", where).value_or("application/json");
  if (auto i = v.FindMember("headers"); i != v.MemberEnd()) {
    if (!i->value.IsObject())
      throw input_error(where + ".headers: expected an object");
    for (const auto& h : i->value.GetObject()) {
      if (!h.value.IsString())
        throw input_error(where + ".headers." + h.name.GetString()
                          + ": expected a string");
      r.headers.emplace_back(h.name.GetString(), h.value.GetString());
    }
  }
  r.delay_us = opt_int(v, "delay_us", where).value_or(0);
  if (auto ms = opt_int(v, "delay_ms", where)) r.delay_us = *ms * 1000;
  if (r.delay_us < 0)
    throw input_error(where + ".delay_us: must not be negative");
  if (r.action == fault_action::delay && r.delay_us == 0)
    throw input_error(where + ".delay_us: a delay fault needs delay_us > 0");
  r.malform = opt_string(v, "malform", where).value_or("truncate");
  if (r.malform != "truncate" && r.malform != "garble")
    throw input_error(where + ".malform: expected \"truncate\" or \"garble\"");
  return r;
}

std::string to_json(const fault_rule& r) {
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  write_rule(w, r);
  return std::string(buf.GetString(), buf.GetSize());
}

fault_plan::fault_plan(uint64_t seed) : seed_(seed), rng_(seed) {
  // nop
}

void fault_plan::reseed(uint64_t seed) {
  std::lock_guard<std::mutex> guard{mtx_};
  seed_ = seed;
  rng_.seed(seed);
  for (auto& e : rules_) {
    e.matches = 0;
    e.fired = 0;
  }
  fired_.clear();
}

void fault_plan::add(fault_rule r) {
  std::lock_guard<std::mutex> guard{mtx_};
  rules_.push_back(entry{std::move(r), 0, 0});
}

size_t fault_plan::add_json(const rapidjson::Value& v,
                            const std::string& where) {
  std::vector<fault_rule> parsed;
  if (v.IsArray()) {
    for (rapidjson::SizeType i = 0; i < v.Size(); ++i)
      parsed.push_back(
          parse_fault(v[i], where + "[" + std::to_string(i) + "]"));
  } else {
    parsed.push_back(parse_fault(v, where));
  }
  for (auto& r : parsed)
    add(std::move(r));
  return parsed.size();
}

void fault_plan::clear() {
  std::lock_guard<std::mutex> guard{mtx_};
  rules_.clear();
  fired_.clear();
}

size_t fault_plan::size() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return rules_.size();
}

std::optional<fault_rule>
fault_plan::fire(const std::string& target,
                 const std::vector<size_t>& candidates) {
  std::optional<fault_rule> result;
  for (auto idx : candidates) {
    auto& e = rules_[idx];
    auto n = ++e.matches;
    if (result) continue; // counted, but an earlier rule already fired
    const auto& r = e.rule;
    if (r.times && e.fired >= r.times) continue;
    if (r.nth && n != r.nth) continue;
    if (r.every && n % r.every != 0) continue;
    if (r.after_n && n <= r.after_n) continue;
    if (r.probability < 1.0) {
      // 53 random bits → [0, 1): the generator's output is fully defined
      // by the standard, so a seed means the same faults on every platform.
      auto draw
          = static_cast<double>(rng_() >> 11) * (1.0 / 9007199254740992.0);
      if (draw >= r.probability) continue;
    }
    ++e.fired;
    fired_.push_back(fired_fault{idx, r.name, r.action, target, n});
    result = r;
  }
  return result;
}

std::optional<fault_rule> fault_plan::match_http(const http_request& req,
                                                 fault_phase phase) {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<size_t> candidates;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const auto& r = rules_[i].rule;
    if (r.on != fault_on::http || r.phase != phase) continue;
    if (!path_matches(r.path, req.path)) continue;
    if (!r.body_contains.empty()
        && req.body.find(r.body_contains) == std::string::npos
        && req.query.find(r.body_contains) == std::string::npos)
      continue;
    candidates.push_back(i);
  }
  if (candidates.empty()) return std::nullopt;
  return fire(req.path, candidates);
}

std::optional<fault_rule> fault_plan::match_ws(std::string_view channel) {
  std::lock_guard<std::mutex> guard{mtx_};
  std::vector<size_t> candidates;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const auto& r = rules_[i].rule;
    if (r.on != fault_on::ws) continue;
    if (r.channel != "*" && r.channel != channel) continue;
    candidates.push_back(i);
  }
  if (candidates.empty()) return std::nullopt;
  return fire(std::string(channel), candidates);
}

std::vector<fired_fault> fault_plan::fired() const {
  std::lock_guard<std::mutex> guard{mtx_};
  return fired_;
}

std::string fault_plan::to_json() const {
  std::lock_guard<std::mutex> guard{mtx_};
  rapidjson::StringBuffer buf;
  json_writer w(buf);
  w.StartObject();
  w.Key("seed");
  w.Uint64(seed_);
  w.Key("rules");
  w.StartArray();
  for (const auto& e : rules_)
    write_rule(w, e.rule);
  w.EndArray();
  w.Key("fired");
  w.StartArray();
  for (const auto& f : fired_) {
    w.StartObject();
    w.Key("rule");
    w.Uint64(f.rule_index);
    put(w, "name", f.name);
    put(w, "action", to_string(f.action));
    put(w, "target", f.target);
    w.Key("match");
    w.Uint64(f.match);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

http_response fault_plan::response_for(const fault_rule& r) {
  http_response resp;
  switch (r.action) {
  case fault_action::status:
    resp.status = r.status;
    resp.body = r.body;
    resp.content_type = r.content_type;
    resp.headers = r.headers;
    break;
  case fault_action::reset:
    resp.reset = true;
    break;
  case fault_action::stall:
    resp.stall = true;
    break;
  default:
    break;
  }
  return resp;
}

std::string fault_plan::malform(const std::string& text,
                                const std::string& how) {
  if (how == "garble") {
    // Replace every structural character: the result is never valid JSON
    // yet keeps the frame's length.
    std::string out = text;
    for (auto& c : out)
      if (c == '{' || c == '}' || c == '"' || c == ':' || c == '[') c = '#';
    if (out == text) out.insert(0, "#");
    return out;
  }
  return text.substr(0, text.size() / 2);
}

} // namespace hlc::sim
