// NSE (National Stock Exchange of India) equity and equity-derivatives trading holidays, from the
// exchange's annual holiday circulars plus special holidays announced during the year. Only
// weekday closures are listed (holidays falling on a weekend need no entry). Years outside
// kNseFirstTableYear..kNseLastTableYear have no built-in table: add them through config
// (`[calendar.nse] extra_holidays`, TradingCalendar::nse_with_holidays).
// Not modelled as sessions: Muhurat trading (a one-hour evening session on Diwali) and the
// split disaster-recovery drill sessions held on some Saturdays (2024-03-02, 2024-05-18).
#include <array>

#include "zerodte/core/market_holidays.hpp"

namespace zerodte::core::holidays {
namespace {

struct Entry {
  Date date;
  std::string_view name;
};

constexpr std::array kNseHolidays{
    // 2024
    Entry{{2024, 1, 22}, "Special holiday (Shri Ram Lalla Pran Pratishtha)"},
    Entry{{2024, 1, 26}, "Republic Day"},
    Entry{{2024, 3, 8}, "Mahashivratri"},
    Entry{{2024, 3, 25}, "Holi"},
    Entry{{2024, 3, 29}, "Good Friday"},
    Entry{{2024, 4, 11}, "Id-Ul-Fitr (Ramadan Eid)"},
    Entry{{2024, 4, 17}, "Shri Ram Navmi"},
    Entry{{2024, 5, 1}, "Maharashtra Day"},
    Entry{{2024, 5, 20}, "General Parliamentary Elections (Mumbai)"},
    Entry{{2024, 6, 17}, "Bakri Id"},
    Entry{{2024, 7, 17}, "Moharram"},
    Entry{{2024, 8, 15}, "Independence Day"},
    Entry{{2024, 10, 2}, "Mahatma Gandhi Jayanti"},
    Entry{{2024, 11, 1}, "Diwali Laxmi Pujan"},
    Entry{{2024, 11, 15}, "Gurunanak Jayanti"},
    Entry{{2024, 11, 20}, "Maharashtra Legislative Assembly Elections"},
    Entry{{2024, 12, 25}, "Christmas"},
    // 2025
    Entry{{2025, 2, 26}, "Mahashivratri"},
    Entry{{2025, 3, 14}, "Holi"},
    Entry{{2025, 3, 31}, "Id-Ul-Fitr (Ramadan Eid)"},
    Entry{{2025, 4, 10}, "Shri Mahavir Jayanti"},
    Entry{{2025, 4, 14}, "Dr. Baba Saheb Ambedkar Jayanti"},
    Entry{{2025, 4, 18}, "Good Friday"},
    Entry{{2025, 5, 1}, "Maharashtra Day"},
    Entry{{2025, 8, 15}, "Independence Day"},
    Entry{{2025, 8, 27}, "Ganesh Chaturthi"},
    Entry{{2025, 10, 2}, "Mahatma Gandhi Jayanti/Dussehra"},
    Entry{{2025, 10, 21}, "Diwali Laxmi Pujan"},
    Entry{{2025, 10, 22}, "Diwali-Balipratipada"},
    Entry{{2025, 11, 5}, "Prakash Gurpurb Sri Guru Nanak Dev"},
    Entry{{2025, 12, 25}, "Christmas"},
    // 2026
    Entry{{2026, 1, 15}, "Municipal Corporation Elections (Maharashtra)"},
    Entry{{2026, 1, 26}, "Republic Day"},
    Entry{{2026, 3, 3}, "Holi"},
    Entry{{2026, 3, 26}, "Shri Ram Navami"},
    Entry{{2026, 3, 31}, "Shri Mahavir Jayanti"},
    Entry{{2026, 4, 3}, "Good Friday"},
    Entry{{2026, 4, 14}, "Dr. Baba Saheb Ambedkar Jayanti"},
    Entry{{2026, 5, 1}, "Maharashtra Day"},
    Entry{{2026, 5, 28}, "Bakri Id"},
    Entry{{2026, 6, 26}, "Muharram"},
    Entry{{2026, 9, 14}, "Ganesh Chaturthi"},
    Entry{{2026, 10, 2}, "Mahatma Gandhi Jayanti"},
    Entry{{2026, 10, 20}, "Dussehra"},
    Entry{{2026, 11, 10}, "Diwali-Balipratipada"},
    Entry{{2026, 11, 24}, "Prakash Gurpurb Sri Guru Nanak Dev"},
    Entry{{2026, 12, 25}, "Christmas"},
};

// Full regular sessions (09:15-15:30) held on a weekend.
constexpr std::array kNseSpecialSessions{
    Entry{{2020, 2, 1}, "Union Budget (Saturday session)"},
    Entry{{2024, 1, 20}, "Special Saturday session (in lieu of 2024-01-22)"},
    Entry{{2025, 2, 1}, "Union Budget (Saturday session)"},
    Entry{{2026, 2, 1}, "Union Budget (Sunday session)"},
};

}  // namespace

std::optional<std::string_view> nse_holiday(Date d) {
  for (const auto& e : kNseHolidays) {
    if (e.date == d) return e.name;
  }
  return std::nullopt;
}

std::optional<std::string_view> nse_special_session(Date d) {
  for (const auto& e : kNseSpecialSessions) {
    if (e.date == d) return e.name;
  }
  return std::nullopt;
}

}  // namespace zerodte::core::holidays
