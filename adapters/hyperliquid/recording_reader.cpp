#include "adapters/hyperliquid/recording_reader.hpp"

#include "adapters/hyperliquid/json_read.hpp"
#include "adapters/hyperliquid/parse_fills.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/filereadstream.h>
#include <rapidjson/reader.h>

#include <algorithm>

namespace hlc::hyperliquid {

namespace {

constexpr auto iterative = rapidjson::kParseIterativeFlag;

/// The time of a fill object as both passes read it: an integer `time`.
std::optional<int64_t> time_of(const rapidjson::Value& x) {
  if (!x.IsObject()) return std::nullopt;
  auto t = x.FindMember("time");
  if (t == x.MemberEnd() || !t->value.IsInt64()) return std::nullopt;
  return t->value.GetInt64();
}

/// Both possible directions of the file, tracked together while indexing:
/// a fill is accepted when it is not on the wrong side of every accepted
/// fill before it.
struct order_bounds {
  int64_t ascending = INT64_MIN;  ///< newest accepted so far
  int64_t descending = INT64_MAX; ///< oldest accepted so far
  size_t ascending_violations = 0;
  size_t descending_violations = 0;

  void see(int64_t t) {
    if (t >= ascending)
      ascending = t;
    else
      ++ascending_violations;
    if (t <= descending)
      descending = t;
    else
      ++descending_violations;
  }
};

/// Pass 1: a SAX handler that finds the fills array, the leader and the
/// chunk boundaries without building any DOM.
class index_handler
    : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, index_handler> {
public:
  using chunk_info = recording_reader::chunk_info;

  index_handler(rapidjson::FileReadStream& in,
                const recording_reader::options& opts,
                std::vector<chunk_info>& index)
      : in_(in), opts_(opts), index_(index) {}

  // Scalars.
  bool Null() { return scalar(std::nullopt); }
  bool Bool(bool) { return scalar(std::nullopt); }
  bool Int(int x) { return scalar(int64_t{x}); }
  bool Uint(unsigned x) { return scalar(int64_t{x}); }
  bool Int64(int64_t x) { return scalar(x); }
  bool Uint64(uint64_t x) {
    return scalar(x <= static_cast<uint64_t>(INT64_MAX)
                      ? std::optional<int64_t>{static_cast<int64_t>(x)}
                      : std::nullopt);
  }
  bool Double(double) { return scalar(std::nullopt); }
  bool String(const char* s, rapidjson::SizeType n, bool) {
    if (depth() == request_depth_ && key_depth_ == depth() && key_ == "user")
      user_.assign(s, n);
    return scalar(std::nullopt);
  }
  bool Key(const char* s, rapidjson::SizeType n, bool) {
    key_.assign(s, n);
    key_depth_ = depth();
    return true;
  }
  bool StartObject() { return open(false); }
  bool EndObject(rapidjson::SizeType) { return close(); }
  bool StartArray() { return open(true); }
  bool EndArray(rapidjson::SizeType) { return close(); }

  /// Called when the reader stopped with an error: the reason, if ours.
  const std::string& failure() const { return failure_; }
  bool found_fills() const { return fills_depth_ != 0; }
  bool root_is_object() const { return root_is_object_; }
  bool root_seen() const { return root_seen_; }
  const std::string& user() const { return user_; }
  size_t elements() const { return elements_; }
  const order_bounds& bounds() const { return bounds_; }
  std::optional<int64_t> first_time() const { return first_time_; }
  std::optional<int64_t> last_time() const { return last_time_; }

private:
  size_t depth() const { return stack_.size(); }
  long offset() const { return static_cast<long>(in_.Tell()); }

  bool open(bool is_array) {
    if (depth() >= opts_.max_depth) {
      failure_ = "nesting deeper than " + std::to_string(opts_.max_depth)
                 + " levels at offset " + std::to_string(offset());
      return false;
    }
    if (depth() == 0) {
      root_seen_ = true;
      root_is_object_ = !is_array;
      if (is_array) fills_start(1);
    } else if (depth() == 1 && root_is_object_ && key_depth_ == 1) {
      if (key_ == "request" && !is_array) request_depth_ = 2;
      if (key_ == "response" && fills_depth_ == 0) {
        if (!is_array) {
          failure_ = "response: expected an array";
          return false;
        }
        fills_start(2);
      }
    }
    if (in_element() && depth() == fills_depth_) element_begin();
    stack_.push_back(is_array);
    return true;
  }

  bool close() {
    stack_.pop_back();
    if (depth() + 1 == request_depth_) request_depth_ = 0;
    // The reader calls End* before it takes the closing bracket.
    if (in_element() && depth() == fills_depth_)
      return element_end(offset() + 1);
    if (depth() + 1 == fills_depth_) fills_depth_done_ = true;
    return true;
  }

  bool scalar(std::optional<int64_t> number) {
    if (depth() == 1 && root_is_object_ && key_depth_ == 1 && key_ == "response"
        && fills_depth_ == 0) {
      failure_ = "response: expected an array";
      return false;
    }
    if (!root_seen_) {
      root_seen_ = true; // a bare scalar document
      return true;
    }
    if (!in_element()) return true;
    if (depth() == fills_depth_) {
      element_begin();
      return element_end(offset()); // scalars are reported once taken
    }
    if (depth() == fills_depth_ + 1 && key_depth_ == depth() && key_ == "time"
        && !stack_.back())
      element_time_ = number;
    return true;
  }

  bool in_element() const { return fills_depth_ != 0 && !fills_depth_done_; }

  void fills_start(size_t depth_inside) {
    fills_depth_ = depth_inside;
    previous_end_ = offset() + 1; // Start* comes before '[' is taken
  }

  void element_begin() {
    element_time_.reset();
    element_offset_ = previous_end_;
  }

  bool element_end(long end) {
    auto t = element_time_;
    // Cut only between milliseconds of the accepted sequence, whichever
    // direction the file turns out to have: a millisecond is never split.
    bool new_chunk
        = index_.empty()
          || (index_.back().count >= opts_.chunk_fills && t
              && *t != bounds_.ascending && *t != bounds_.descending);
    if (new_chunk) {
      index_.push_back(chunk_info{element_offset_, elements_, 0,
                                  bounds_.ascending, bounds_.descending});
    } else if (index_.back().count
               >= opts_.chunk_fills + opts_.max_fills_per_ms) {
      failure_ = "more than " + std::to_string(opts_.max_fills_per_ms)
                 + " fills in one millisecond at offset "
                 + std::to_string(offset());
      return false;
    }
    ++index_.back().count;
    ++elements_;
    if (t) {
      bounds_.see(*t);
      if (!first_time_) first_time_ = t;
      last_time_ = t;
    }
    previous_end_ = end;
    return true;
  }

  rapidjson::FileReadStream& in_;
  const recording_reader::options& opts_;
  std::vector<chunk_info>& index_;
  std::vector<bool> stack_; ///< true: array
  std::string key_;
  size_t key_depth_ = 0;
  bool root_seen_ = false;
  bool root_is_object_ = false;
  size_t request_depth_ = 0;
  std::string user_;
  size_t fills_depth_ = 0; ///< depth inside the fills array; 0: not yet
  bool fills_depth_done_ = false;
  long previous_end_ = 0;
  long element_offset_ = 0;
  std::optional<int64_t> element_time_;
  size_t elements_ = 0;
  order_bounds bounds_;
  std::optional<int64_t> first_time_;
  std::optional<int64_t> last_time_;
  std::string failure_;
};

long file_size(std::FILE* f) {
  if (std::fseek(f, 0, SEEK_END) != 0) return -1;
  auto size = std::ftell(f);
  std::rewind(f);
  return size;
}

/// Up to 200 bytes of the file from `offset`, for the quarantine row.
std::string excerpt_at(std::FILE* f, long offset) {
  std::string text(200, '\0');
  if (std::fseek(f, offset, SEEK_SET) != 0) return {};
  text.resize(std::fread(text.data(), 1, text.size(), f));
  return text;
}

} // namespace

void recording_reader::file_closer::operator()(std::FILE* f) const {
  if (f != nullptr) std::fclose(f);
}

recording_reader::recording_reader(const std::string& path, options opts)
    : recording_reader(std::fopen(path.c_str(), "rb"), path, std::move(opts)) {}

recording_reader recording_reader::in_memory(std::string_view text,
                                             options opts) {
  // fmemopen only reads through the pointer in mode "r".
  auto* f = text.empty()
                ? nullptr
                : fmemopen(const_cast<char*>(text.data()), text.size(), "r");
  return recording_reader{f, "(in-memory recording)", std::move(opts)};
}

recording_reader::recording_reader(std::FILE* adopted, const std::string& name,
                                   options opts)
    : opts_(std::move(opts)), file_(adopted),
      buffer_(std::max<size_t>(opts_.buffer_bytes, 64)) {
  opts_.chunk_fills = std::max<size_t>(opts_.chunk_fills, 1);
  if (!file_) {
    error_ = parse_error{"file", "cannot open " + name, {}};
    return;
  }
  index_file();
  if (error_) index_.clear();
}

recording_reader::~recording_reader() = default;
recording_reader::recording_reader(recording_reader&&) noexcept = default;
recording_reader&
recording_reader::operator=(recording_reader&&) noexcept = default;

void recording_reader::index_file() {
  auto* f = file_.get();
  auto size = file_size(f);
  rapidjson::FileReadStream in{f, buffer_.data(), buffer_.size()};
  index_handler handler{in, opts_, index_};
  rapidjson::Reader reader;
  auto ok = reader.Parse<iterative>(in, handler);
  if (!ok) {
    auto at = static_cast<long>(ok.Offset());
    std::string why = handler.failure();
    if (why.empty()) {
      why = "invalid JSON at offset " + std::to_string(at) + ": "
            + rapidjson::GetParseError_En(ok.Code());
      if (size >= 0 && at >= size) why += " (the file ends there: truncated?)";
    }
    error_ = parse_error{"file", std::move(why), excerpt_at(f, at)};
    return;
  }
  if (!handler.found_fills()) {
    error_
        = handler.root_is_object()
              ? parse_error{"response", "recording has no response array", {}}
              : parse_error{"(root)",
                            "expected an array of fills or "
                            "{request, response}",
                            excerpt_at(f, 0)};
    return;
  }
  leader_ = detail::to_lower(handler.user().empty() ? opts_.default_leader
                                                    : handler.user());
  elements_ = handler.elements();
  auto& b = handler.bounds();
  if (b.descending_violations != b.ascending_violations)
    newest_first_ = b.descending_violations < b.ascending_violations;
  else
    newest_first_ = handler.first_time() && handler.last_time()
                    && *handler.first_time() > *handler.last_time();
}

bool recording_reader::next(recording_chunk& out) {
  out.fills.clear();
  out.errors.clear();
  while (next_chunk_ < index_.size() && out.fills.empty()
         && out.errors.empty()) {
    auto i = newest_first_ ? index_.size() - 1 - next_chunk_ : next_chunk_;
    ++next_chunk_;
    read_chunk(index_[i], out);
  }
  return !out.fills.empty() || !out.errors.empty();
}

void recording_reader::read_chunk(const chunk_info& chunk,
                                  recording_chunk& out) {
  auto* f = file_.get();
  if (std::fseek(f, chunk.offset, SEEK_SET) != 0) {
    out.errors.push_back(parse_error{"file", "cannot seek", {}});
    next_chunk_ = index_.size();
    return;
  }
  rapidjson::FileReadStream in{f, buffer_.data(), buffer_.size()};
  auto bound = newest_first_ ? chunk.bound_descending : chunk.bound_ascending;
  for (size_t k = 0; k < chunk.count; ++k) {
    rapidjson::SkipWhitespace(in);
    if (in.Peek() == ',') in.Take();
    rapidjson::Document doc;
    doc.ParseStream<iterative | rapidjson::kParseStopWhenDoneFlag>(in);
    auto path = detail::index("response", chunk.first + k);
    if (doc.HasParseError()) {
      // The file changed since it was indexed: stop here.
      out.errors.push_back(
          parse_error{path, "the file changed while it was replayed", {}});
      next_chunk_ = index_.size();
      break;
    }
    bool in_order = true;
    if (auto t = time_of(doc)) {
      in_order = newest_first_ ? *t <= bound : *t >= bound;
      if (in_order) bound = *t;
    }
    auto parsed = parse_fill(doc, leader_, opts_.source, path);
    if (auto* e = std::get_if<parse_error>(&parsed)) {
      out.errors.push_back(std::move(*e));
    } else if (!in_order) {
      ++out_of_order_;
      auto& fill = std::get<leader_fill>(parsed);
      out.errors.push_back(parse_error{
          detail::join(path, "time"),
          "out of order: " + std::to_string(fill.key.time_ms) + " is "
              + (newest_first_ ? "newer" : "older")
              + " than every fill before it in this "
              + (newest_first_ ? "newest-first" : "oldest-first")
              + " recording (it is at " + std::to_string(bound) + ")",
          detail::to_json(doc)});
    } else {
      out.fills.push_back(std::move(std::get<leader_fill>(parsed)));
    }
  }
  // Newest-first: each millisecond is already in execution order; putting
  // the milliseconds oldest first is a stable sort by time (ADR 0012).
  if (newest_first_)
    std::stable_sort(out.fills.begin(), out.fills.end(),
                     [](const leader_fill& a, const leader_fill& b) {
                       return a.key.time_ms < b.key.time_ms;
                     });
}

} // namespace hlc::hyperliquid
