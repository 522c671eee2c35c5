#include "run_hlcopy.hpp"

#include "persistence/database.hpp"
#include "persistence/order_repo.hpp"
#include "persistence/paper_repo.hpp"
#include "persistence/position_repo.hpp"
#include "persistence/skip_repo.hpp"
#include "persistence/strategy_state_repo.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace hlc::test {

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in{path};
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

} // namespace

scratch_dir::scratch_dir() {
  std::random_device rd;
  auto base = fs::temp_directory_path();
  for (int i = 0; i < 100; ++i) {
    auto p = base / ("hlcopy-scenario-" + std::to_string(rd()));
    if (fs::create_directory(p)) {
      path = p.string();
      return;
    }
  }
  throw std::runtime_error("cannot create a scratch directory");
}

scratch_dir::~scratch_dir() {
  std::error_code ec;
  fs::remove_all(path, ec);
}

run_result run_hlcopy(const std::string& dir, const std::string& args) {
  auto cmd = "cd '" + dir + "' && exec '" + std::string{HLCOPY_BIN} + "' "
             + args + " > out.txt 2> err.txt";
  auto raw = std::system(cmd.c_str());
  run_result r;
  // `exec` replaces the shell, so a killed hlcopy shows as a signal
  r.status = WIFEXITED(raw)     ? WEXITSTATUS(raw)
             : WIFSIGNALED(raw) ? 128 + WTERMSIG(raw)
                                : -1;
  r.out = slurp(dir + "/out.txt");
  r.err = slurp(dir + "/err.txt");
  return r;
}

std::string write_demo_config(const std::string& dir) {
  auto text = slurp(std::string{HLC_SOURCE_DIR} + "/config/examples/demo.json");
  auto path = dir + "/config.json";
  std::ofstream{path} << text;
  return path;
}

std::string demo_fills_path() {
  return std::string{HLC_SOURCE_DIR} + "/apps/hlcopy/demo/leader_fills.json";
}

std::vector<std::string> order_lines(const std::string& db_path) {
  auto db = database::open(db_path);
  std::vector<std::string> lines;
  for (auto& o : order_repo{db}.load_all())
    lines.push_back(o.intent.client_id + " " + o.intent.symbol + " "
                    + std::string{to_string(o.intent.side)} + " "
                    + o.intent.qty.to_string() + " "
                    + std::string{to_string(o.state)} + " "
                    + o.filled_qty.to_string() + " " + o.intent.correlation);
  return lines;
}

std::vector<std::string> venue_order_ids(const std::string& db_path) {
  auto db = database::open(db_path);
  std::vector<std::string> ids;
  for (auto& o : paper_repo{db}.load_orders())
    ids.push_back(o.client_id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::map<std::string, std::string> paper_positions(const std::string& db_path) {
  auto db = database::open(db_path);
  std::map<std::string, std::string> result;
  for (auto& p : position_repo{db}.load_book("paper"))
    result[p.symbol] = p.qty.to_string();
  return result;
}

std::map<std::string, std::string> targets(const std::string& db_path) {
  auto db = database::open(db_path);
  std::map<std::string, decimal> sums;
  for (auto& r : strategy_state_repo{db}.load_all())
    if (!r.symbol.empty()) sums[r.symbol] += r.attributed_qty;
  std::map<std::string, std::string> result;
  for (auto& [s, q] : sums)
    result[s] = q.to_string();
  return result;
}

std::map<std::string, std::vector<std::string>>
skips_by_symbol(const std::string& db_path) {
  auto db = database::open(db_path);
  std::map<std::string, std::vector<std::string>> result;
  for (auto& s : skip_repo{db}.load_recent(1000000))
    result[s.symbol].push_back(std::string{to_string(s.reason)});
  return result;
}

} // namespace hlc::test
