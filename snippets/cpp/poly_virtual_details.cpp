// Two details of "virtual" that are often stated wrongly:
// 1. A function that overrides a virtual function is virtual, with or without
//    the keyword (write `override` anyway: then the compiler checks it).
// 2. "Pure" (= 0) means "derived classes must override it", not "has no body":
//    a pure virtual function may have a definition, callable by qualified name.
//    A pure virtual destructor even needs one, because every derived destructor calls it.

// Build and run:
//   g++ -std=c++20 -Wall -Wextra -Wpedantic -Wshadow -O1 -g poly_virtual_details.cpp -o poly_virtual_details
//   ./poly_virtual_details
#include <iostream>
#include <type_traits>

struct Logger {
    virtual ~Logger() = 0;                        // pure, yet defined below
    virtual void write(const char* text) = 0;     // pure, yet defined below
    void log(const char* text) { write(text); }   // dispatches on the dynamic type
};
Logger::~Logger() { std::cout << "~Logger() body runs\n"; }
void Logger::write(const char* text) { std::cout << "default write: " << text << '\n'; }

struct ConsoleLogger : Logger {
    void write(const char* text) {                // no "virtual", no "override": still an override
        std::cout << "ConsoleLogger: ";
        Logger::write(text);                      // qualified call: the pure function's body
    }
};

static_assert(std::is_abstract_v<Logger>);        // still abstract: no Logger objects
static_assert(!std::is_abstract_v<ConsoleLogger>);

int main() {
    ConsoleLogger console;
    Logger& logger = console;
    logger.log("hello");                          // virtual dispatch reaches ConsoleLogger::write
}
