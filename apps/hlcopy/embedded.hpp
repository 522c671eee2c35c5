#pragma once

#include <string_view>

// Files compiled into the binary (apps/hlcopy/CMakeLists.txt, hlc_embed), so
// `hlcopy demo` runs from any working directory, offline.
namespace hlc::embedded {

std::string_view demo_config() noexcept;        ///< config/examples/demo.json
std::string_view demo_fills() noexcept;         ///< REAL userFills recording
std::string_view demo_exchange_info() noexcept; ///< exchangeInfo (Binance)
std::string_view demo_marks() noexcept;         ///< premiumIndex (Binance)
std::string_view demo_live_session() noexcept;  ///< hl-sim leader session

} // namespace hlc::embedded
