#pragma once

#include "adapters/hyperliquid/parse_error.hpp"
#include "messages/fill.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlc::hyperliquid {

/// A bounded piece of a recording, oldest fill first.
struct recording_chunk {
  std::vector<leader_fill> fills;  ///< time ascending; execution order per ms
  std::vector<parse_error> errors; ///< bad or out-of-order fills: quarantine
};

/// Reads a recorded userFills / userFillsByTime file (a plain array of
/// fills, or `{"request":{"user":…},"response":[…]}`) incrementally, oldest
/// fill first, never holding the whole file or all its fills (ADR 0020).
///
/// Two passes over the file with RapidJSON's iterative SAX reader and a
/// bounded buffer. The first only indexes: where each chunk of about
/// `chunk_fills` fills starts (chunks end where the time changes, so a
/// millisecond is never split) and the times of the first and last fill,
/// which give the file's direction. The second parses one chunk at a time,
/// each fill with `parse_fill` (validation identical to every other fill
/// path), in file order for an oldest-first file and in reverse chunk order
/// for a newest-first one, where each millisecond keeps the order the file
/// lists it in: the venue lists one millisecond in execution order
/// (ADR 0012).
///
/// A fill whose time is on the wrong side of every accepted fill before it
/// (newer than all of them in a newest-first file, older in an oldest-first
/// one) cannot be placed without reading the whole file: it is returned as a
/// `parse_error` on `time` ("out of order") for quarantine, and counted.
class recording_reader {
public:
  struct options {
    std::string default_leader; ///< when the file names no request.user
    fill_source source = fill_source::replay;
    size_t chunk_fills = 4096;         ///< fills per chunk, at least
    size_t max_fills_per_ms = 100'000; ///< a longer millisecond is an error
    size_t max_depth = 64; ///< deeper nesting is an error, not a crash
    size_t buffer_bytes = 64 * 1024; ///< file read buffer
  };

  /// Opens and indexes `path`. A file that cannot be read as a recording
  /// (missing, not JSON, truncated, too deep, no fills array) gives a reader
  /// whose `error()` says why, naming the offset, and that yields nothing.
  recording_reader(const std::string& path, options opts);

  /// Reads a recording held in memory (the bundled demo); `text` must
  /// outlive the reader.
  static recording_reader in_memory(std::string_view text, options opts);
  ~recording_reader();
  recording_reader(recording_reader&&) noexcept;
  recording_reader& operator=(recording_reader&&) noexcept;

  /// Why the file as a whole cannot be replayed, if it cannot.
  const std::optional<parse_error>& error() const noexcept { return error_; }

  /// The next chunk, or false at the end. Never returns an empty chunk.
  bool next(recording_chunk& out);

  /// The leader the fills are attributed to (lower-case).
  const std::string& leader() const noexcept { return leader_; }

  /// True when the file lists the newest fill first (userFills).
  bool newest_first() const noexcept { return newest_first_; }

  /// Array elements in the file (fills, bad fills and out-of-order ones).
  size_t elements() const noexcept { return elements_; }

  /// Elements quarantined as out of order (counted while reading).
  size_t out_of_order() const noexcept { return out_of_order_; }

  /// Chunks in the index (for tests and diagnostics).
  size_t chunks() const noexcept { return index_.size(); }

  /// Where one chunk starts; public for the indexing pass only.
  struct chunk_info {
    long offset = 0;  ///< file offset just before its first element
    size_t first = 0; ///< index of its first element in the array
    size_t count = 0; ///< elements in it
    int64_t bound_ascending = INT64_MIN;  ///< newest accepted time before it
    int64_t bound_descending = INT64_MAX; ///< oldest accepted time before it
  };

private:
  recording_reader(std::FILE* adopted, const std::string& name, options opts);
  void index_file();
  void read_chunk(const chunk_info& chunk, recording_chunk& out);

  struct file_closer {
    void operator()(std::FILE* f) const;
  };

  options opts_;
  std::unique_ptr<std::FILE, file_closer> file_;
  std::optional<parse_error> error_;
  std::string leader_;
  bool newest_first_ = false;
  size_t elements_ = 0;
  size_t out_of_order_ = 0;
  std::vector<chunk_info> index_;
  size_t next_chunk_ = 0; ///< chunks handed out so far
  std::vector<char> buffer_;
};

} // namespace hlc::hyperliquid
