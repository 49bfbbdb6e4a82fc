// constexpr variables need a value known at compile time.
int read_config() { return 4; }   // not constexpr

int main() {
    constexpr int size = read_config();   // error
    return size;
}
