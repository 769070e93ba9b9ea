#include "zerodte/model/occ_symbol.hpp"

#include <fmt/format.h>

#include "zerodte/core/assert.hpp"

namespace zerodte::model {
namespace {

using core::ErrorCode;
using core::fail;

constexpr std::int64_t kNanosPerThousandth = core::Price::kScale / 1000;
constexpr std::size_t kTailLength = 15;  // YYMMDD + C/P + 8 strike digits
constexpr std::string_view kPolygonPrefix = "O:";

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}

// Reads exactly text.size() decimal digits; the caller has checked they are digits.
std::int64_t read_digits(std::string_view text) {
  std::int64_t v = 0;
  for (char c : text)
    v = v * 10 + (c - '0');
  return v;
}

std::string printable(char c) {
  if (c == ' ') return "space";
  if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
    return fmt::format("byte 0x{:02x}", static_cast<unsigned char>(c));
  }
  return fmt::format("'{}'", c);
}

}  // namespace

std::string_view to_string(OptionRight r) {
  return r == OptionRight::kCall ? "call" : "put";
}

namespace {

// Returns true when `root` is a valid OCC root; formats nothing on the success path.
bool root_ok(std::string_view root) {
  if (root.empty() || root.size() > OccSymbol::kMaxRootLength || !is_upper(root.front())) {
    return false;
  }
  for (char c : root) {
    if (!is_upper(c) && !is_digit(c)) return false;
  }
  return true;
}

template <typename Context>
core::Status root_error(std::string_view root, Context&& context) {
  if (root.empty()) return fail(ErrorCode::kParse, "{}: empty option root", context());
  if (root.size() > OccSymbol::kMaxRootLength) {
    return fail(ErrorCode::kParse, "{}: option root '{}' has {} characters (OCC allows at most 6)",
                context(), root, root.size());
  }
  for (char c : root) {
    if (is_lower(c)) {
      return fail(ErrorCode::kParse,
                  "{}: option root '{}' contains lowercase {}; OCC roots are uppercase", context(),
                  root, printable(c));
    }
    if (!is_upper(c) && !is_digit(c)) {
      return fail(ErrorCode::kParse, "{}: option root '{}' contains {} (allowed: A-Z, 0-9)",
                  context(), root, printable(c));
    }
  }
  return fail(ErrorCode::kParse, "{}: option root '{}' must begin with a letter A-Z", context(),
              root);
}

}  // namespace

core::Status validate_occ_root(std::string_view root, std::string_view context) {
  if (root_ok(root)) return core::ok();
  return root_error(root, [&] { return context; });
}

core::Result<OccSymbol> OccSymbol::make(std::string_view root, core::Date expiry, OptionRight right,
                                        core::Price strike) {
  if (auto st = validate_occ_root(root, "OCC symbol"); !st) return std::unexpected(st.error());
  if (!expiry.valid() || expiry.year < 2000 || expiry.year > 2099) {
    return fail(ErrorCode::kOutOfRange,
                "OCC symbol for root '{}': expiry {:04}-{:02}-{:02} is not a valid date in "
                "2000-2099",
                root, expiry.year, expiry.month, expiry.day);
  }
  if (!strike.is_defined() || strike.raw() <= 0) {
    return fail(ErrorCode::kOutOfRange, "OCC symbol for root '{}': strike {} must be positive",
                root, strike.to_string());
  }
  if (strike.raw() % kNanosPerThousandth != 0) {
    return fail(ErrorCode::kInvalid,
                "OCC symbol for root '{}': strike {} has more than 3 decimal places", root,
                strike.to_string());
  }
  if (strike.raw() / kNanosPerThousandth > kMaxStrikeThousandths) {
    return fail(ErrorCode::kOutOfRange,
                "OCC symbol for root '{}': strike {} exceeds the OCC maximum 99999.999", root,
                strike.to_string());
  }
  OccSymbol s;
  s.root = root;
  s.expiry = expiry;
  s.right = right;
  s.strike = strike;
  return s;
}

core::Result<OccSymbol> OccSymbol::parse(std::string_view text) {
  const std::string_view original = text;
  auto bad = [&](std::string_view why) {
    return fail(ErrorCode::kParse, "OCC symbol '{}': {}", original, why);
  };
  if (text.empty()) return bad("empty");
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  if (is_space(text.front()) || is_space(text.back())) {
    return bad("leading or trailing whitespace");
  }
  if (text.starts_with(kPolygonPrefix)) {
    text.remove_prefix(kPolygonPrefix.size());
  } else if (text.size() >= 2 && text[1] == ':') {
    return bad(fmt::format("unknown prefix '{}:' (only Polygon's 'O:' is accepted)", text[0]));
  }
  if (text.size() < kTailLength + 1) {
    return bad(
        fmt::format("too short ({} characters; needs a root plus 15 characters "
                    "YYMMDDC########)",
                    text.size()));
  }
  if (text.size() > kPaddedLength) {
    return bad(fmt::format("too long ({} characters; the padded form has 21)", text.size()));
  }
  const std::string_view root_field = text.substr(0, text.size() - kTailLength);
  const std::string_view tail = text.substr(text.size() - kTailLength);

  // Root field: "SPY" (compact) or "SPY   " (padded to exactly 6 with trailing spaces).
  std::string_view root = root_field;
  if (const auto space = root_field.find(' '); space != std::string_view::npos) {
    if (root_field.size() != kMaxRootLength) {
      return bad(
          fmt::format("spaces in the root field, but it is {} characters wide (the padded "
                      "form pads the root to exactly 6)",
                      root_field.size()));
    }
    root = root_field.substr(0, space);
    if (root_field.find_first_not_of(' ', space) != std::string_view::npos) {
      return bad("space inside the root (padding must follow the root)");
    }
  }
  if (root.empty()) return bad("empty root");
  if (!root_ok(root)) {
    return std::unexpected(
        root_error(root, [&] { return fmt::format("OCC symbol '{}'", original); }).error());
  }

  const std::string_view date = tail.substr(0, 6);
  for (char c : date) {
    if (!is_digit(c)) {
      return bad(fmt::format("expiry '{}' must be 6 digits YYMMDD (found {})", date, printable(c)));
    }
  }
  const core::Date expiry{2000 + static_cast<int>(read_digits(date.substr(0, 2))),
                          static_cast<int>(read_digits(date.substr(2, 2))),
                          static_cast<int>(read_digits(date.substr(4, 2)))};
  if (!expiry.valid()) {
    return bad(fmt::format("expiry '{}' is not a calendar date (month {:02}, day {:02})", date,
                           expiry.month, expiry.day));
  }

  const char right_letter = tail[6];
  OptionRight right = OptionRight::kCall;
  if (right_letter == 'C') {
    right = OptionRight::kCall;
  } else if (right_letter == 'P') {
    right = OptionRight::kPut;
  } else {
    return bad(fmt::format("right must be 'C' or 'P', found {}", printable(right_letter)));
  }

  const std::string_view strike_field = tail.substr(7);
  for (char c : strike_field) {
    if (!is_digit(c)) {
      return bad(fmt::format("strike '{}' must be 8 digits (strike x 1000), found {}", strike_field,
                             printable(c)));
    }
  }
  const std::int64_t thousandths = read_digits(strike_field);
  if (thousandths == 0) return bad("strike is zero");

  OccSymbol s;
  s.root = root;
  s.expiry = expiry;
  s.right = right;
  s.strike = core::Price::from_raw(thousandths * kNanosPerThousandth);
  return s;
}

std::int64_t OccSymbol::strike_thousandths() const {
  return strike.raw() / kNanosPerThousandth;
}

std::string OccSymbol::format(OccForm form) const {
  ZDTE_ASSERT(expiry.year >= 2000 && expiry.year <= 2099 && strike_thousandths() > 0 &&
                  strike_thousandths() <= kMaxStrikeThousandths && !root.empty(),
              "OccSymbol::format on a symbol not built by make() or parse()");
  const std::string_view r = root.view();
  std::string out;
  out.reserve(kPaddedLength + 2);
  if (form == OccForm::kPolygon) out += "O:";
  out += r;
  if (form == OccForm::kPadded) out.append(kMaxRootLength - r.size(), ' ');
  char tail[kTailLength];
  auto put = [](char* at, std::int64_t v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10)
      at[i] = static_cast<char>('0' + v % 10);
  };
  put(tail, expiry.year % 100, 2);
  put(tail + 2, expiry.month, 2);
  put(tail + 4, expiry.day, 2);
  tail[6] = occ_letter(right);
  put(tail + 7, strike_thousandths(), 8);
  out.append(tail, kTailLength);
  return out;
}

}  // namespace zerodte::model
