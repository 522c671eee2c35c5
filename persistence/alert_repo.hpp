#pragma once

#include "persistence/database.hpp"
#include "persistence/rows.hpp"

#include <cstddef>
#include <vector>

namespace hlc {

/// `alerts`: every alert raised, as sent to the operator.
class alert_repo {
public:
  explicit alert_repo(database& db) : db_(db) {
    // nop
  }

  /// Appends one alert; returns its id.
  int64_t append(const alert_row& x);

  /// Appends all alerts in one transaction (joins an open one).
  void append_all(const std::vector<alert_row>& xs);

  /// The newest `limit` alerts, newest first.
  std::vector<alert_row> load_recent(std::size_t limit);

private:
  database& db_;
};

} // namespace hlc
