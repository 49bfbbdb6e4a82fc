// Returning a reference to a local: the compiler sees this one (-Wreturn-local-addr
// in g++, -Wreturn-stack-address in clang, both on by default); as an error here.
#include <string>

const std::string& default_topic() {
    std::string topic = "/sensors/camera/front";
    return topic;  // error
}
