// Three ways to return "a value or not" without exceptions: std::optional (no
// reason given), std::variant (one of several types, handled with std::visit)
// and std::expected (a value or an error; C++23, hence -std=c++23: libstdc++ 12+,
// libc++ 16+).

// Build and run:
//   g++ -std=c++23 -Wall -Wextra -Wpedantic -Wshadow -O1 -g error_handling.cpp -o error_handling
//   ./error_handling
#include <charconv>
#include <expected>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

std::optional<int> parse_int(std::string_view text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

struct Lidar { int beams; };
struct Camera { int width, height; };
struct Radar { double range_m; };
using Sensor = std::variant<Lidar, Camera, Radar>;

template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

std::string describe(const Sensor& s) {
    return std::visit(Overloaded{
        [](const Lidar& l) { return "lidar, " + std::to_string(l.beams) + " beams"; },
        [](const Camera& c) { return "camera, " + std::to_string(c.width) + "x" + std::to_string(c.height); },
        [](const Radar& r) { return "radar, " + std::to_string(static_cast<int>(r.range_m)) + " m"; },
    }, s);
}

enum class ConfigError { missing_field, not_a_number, out_of_range };

std::string_view to_string(ConfigError e) {
    switch (e) {
        case ConfigError::missing_field: return "missing field";
        case ConfigError::not_a_number: return "not a number";
        case ConfigError::out_of_range: return "out of range";
    }
    return "?";
}

std::expected<int, ConfigError> read_rate_hz(std::optional<std::string_view> field) {
    if (!field) return std::unexpected(ConfigError::missing_field);
    auto value = parse_int(*field);
    if (!value) return std::unexpected(ConfigError::not_a_number);
    if (*value <= 0 || *value > 1000) return std::unexpected(ConfigError::out_of_range);
    return *value;
}

int main() {
    std::cout << "parse_int(\"42\") = " << parse_int("42").value_or(-1)
              << ", parse_int(\"4x2\") has a value: " << std::boolalpha << parse_int("4x2").has_value() << '\n';

    std::vector<Sensor> rig{Lidar{128}, Camera{1920, 1080}, Radar{250.0}};
    for (const auto& s : rig) std::cout << "index " << s.index() << ": " << describe(s) << '\n';

    for (std::optional<std::string_view> field : {std::optional<std::string_view>{"10"},
                                                  std::optional<std::string_view>{"ten"},
                                                  std::optional<std::string_view>{"5000"},
                                                  std::optional<std::string_view>{}}) {
        auto rate = read_rate_hz(field);
        if (rate) std::cout << "rate " << *rate << " Hz\n";
        else std::cout << "error: " << to_string(rate.error()) << '\n';
    }
}
